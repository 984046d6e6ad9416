-- Row-level security: the backstop behind the org-scoped client.
-- Tenant queries run as sidecar_app (no BYPASSRLS), switched to with set_config('role', ...)
-- inside the transaction that also sets app.org_id. Without app.org_id no tenant row is visible.
-- Roles are cluster-wide, so creating it must tolerate an earlier database having done so.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sidecar_app') THEN
    CREATE ROLE sidecar_app NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;

-- The connecting role must be a member to switch to it (superusers already may).
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'sidecar_app', 'MEMBER') THEN
    EXECUTE format('GRANT sidecar_app TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO sidecar_app;
-- Tenant queries may include the user and organization they point to, never write them.
GRANT SELECT ON "User", "Organization" TO sidecar_app;

DO $$
DECLARE
  tenant_table text;
BEGIN
  FOREACH tenant_table IN ARRAY ARRAY['Member', 'MemberLocation', 'Invitation', 'Location', 'Contact', 'Appointment', 'AuditLog']
  LOOP
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO sidecar_app', tenant_table);
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING ("organizationId" = current_setting(''app.org_id'', true)) WITH CHECK ("organizationId" = current_setting(''app.org_id'', true))',
      tenant_table
    );
  END LOOP;
END
$$;
