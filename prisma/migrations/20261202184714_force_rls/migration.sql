-- Row-level security that holds on its own.
--
-- Until now tenant tables ENABLEd row-level security, and the connecting role owns them, so any
-- query outside the org-scoped client's role switch saw every tenant. Now every tenant table
-- FORCEs it: the owner is bound by the policies too, and a query that neither switches to
-- sidecar_app with app.org_id nor to sidecar_system sees no tenant row and can write none.
--
-- sidecar_system is the role of the named cross-tenant needs (lib/db/system.ts): webhook tenant
-- lookup, cron fan-out, the platform area, Better Auth's adapter. Like sidecar_app it has no
-- BYPASSRLS (creating one that has it needs a superuser, which managed Postgres rarely grants);
-- a `system_access` policy on each tenant table admits it instead.
--
-- Superusers bypass row-level security even when it is forced: the embedded PGlite session and
-- a CI `postgres` connection are superusers. The org-scoped client and the system needs switch
-- to their roles inside each transaction, so they behave the same there as in production; the
-- raw client is kept out of feature code by lint (eslint.config.mjs).

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sidecar_system') THEN
    CREATE ROLE sidecar_system NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;

DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'sidecar_system', 'MEMBER') THEN
    EXECUTE format('GRANT sidecar_system TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO sidecar_system;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO sidecar_system;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO sidecar_system;
-- The migration history is not the app's business (a shadow database has none).
DO $$
BEGIN
  IF to_regclass('public."_prisma_migrations"') IS NOT NULL THEN
    REVOKE ALL ON "_prisma_migrations" FROM sidecar_system;
  END IF;
END
$$;
-- Tables that later migrations create get the same grants (they run as the same role).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO sidecar_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO sidecar_system;

-- The one way to make a table a tenant table. A migration that adds one ends with
--   SELECT sidecar_protect_tenant_table('"NewTable"');
-- Idempotent: it grants sidecar_app its rights, enables and forces row-level security and
-- creates the two policies when they are missing.
CREATE OR REPLACE FUNCTION sidecar_protect_tenant_table(tenant_table regclass) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  table_name text := (SELECT relname FROM pg_class WHERE oid = tenant_table);
BEGIN
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO sidecar_app', tenant_table);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO sidecar_system', tenant_table);
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tenant_table);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tenant_table);
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = table_name AND policyname = 'tenant_isolation') THEN
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %s USING ("organizationId" = current_setting(''app.org_id'', true)) WITH CHECK ("organizationId" = current_setting(''app.org_id'', true))',
      tenant_table
    );
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = table_name AND policyname = 'system_access') THEN
    EXECUTE format('CREATE POLICY system_access ON %s TO sidecar_system USING (true) WITH CHECK (true)', tenant_table);
  END IF;
END
$$;

-- Every table that has an organizationId column is a tenant table.
DO $$
DECLARE
  tenant_table regclass;
BEGIN
  FOR tenant_table IN
    SELECT c.oid::regclass FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE a.attname = 'organizationId' AND NOT a.attisdropped AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
  LOOP
    PERFORM sidecar_protect_tenant_table(tenant_table);
  END LOOP;
END
$$;
