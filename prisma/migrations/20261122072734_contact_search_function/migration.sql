-- Contact search through the trigram index, for the app role.
--
-- Under row-level security Postgres lets only leakproof operators use an index, and ILIKE is
-- not leakproof, so a search made through the app role reads every row of the table. This
-- function runs as the owner of "Contact" (row-level security does not apply to the owner)
-- and applies the tenant predicate itself, the same one the tenant_isolation policy applies:
-- it returns only ids of the organization named in app.org_id, and nothing when that is unset.
-- The patterns are written into the statement as literals, so each search is planned for its
-- own words and the trigram index can serve it.
CREATE OR REPLACE FUNCTION search_contact_ids(words text[], phone_digits text, max_rows integer)
RETURNS TABLE (id text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $fn$
DECLARE
  org text := current_setting('app.org_id', true);
  conditions text := '';
  word text;
  pattern text;
BEGIN
  IF org IS NULL OR org = '' THEN
    RETURN;
  END IF;
  FOREACH word IN ARRAY coalesce(words, ARRAY[]::text[]) LOOP
    pattern := '%' || replace(replace(replace(word, '\', '\\'), '%', '\%'), '_', '\_') || '%';
    conditions := conditions || format(
      ' AND (c."firstName" ILIKE %1$L OR c."lastName" ILIKE %1$L OR c."email" ILIKE %1$L)', pattern);
  END LOOP;
  IF phone_digits IS NOT NULL AND phone_digits <> '' THEN
    conditions := conditions || format(' AND c."phone" LIKE %L', '%' || regexp_replace(phone_digits, '\D', '', 'g') || '%');
  END IF;
  IF conditions = '' THEN
    RETURN;
  END IF;
  RETURN QUERY EXECUTE format(
    'SELECT c."id" FROM "Contact" c WHERE c."organizationId" = %L AND c."deletedAt" IS NULL%s LIMIT %s',
    org, conditions, greatest(1, least(max_rows, 100000)));
END
$fn$;

REVOKE ALL ON FUNCTION search_contact_ids(text[], text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_contact_ids(text[], text, integer) TO sidecar_app;
