-- Row-level security for every tenant table (ARCHITECTURE §4).
-- Tenant transactions run as kindling_app (no BYPASSRLS, owns nothing) with app.workspace_id set locally;
-- the policy then hides every other workspace's rows even if a query forgets its workspace_id filter.
-- The migrating role (table owner) keeps full access through its own policy, for migrations and explicit
-- cross-tenant system work (session lookup, scheduled purges).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kindling_app') THEN
    CREATE ROLE kindling_app NOLOGIN NOBYPASSRLS;
  END IF;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'kindling_app', 'MEMBER') THEN
    EXECUTE format('GRANT kindling_app TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
-- Call at the end of every migration that adds a tenant table (any public table with a workspace_id column).
CREATE OR REPLACE FUNCTION kindling_secure_tenant_tables() RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  t record;
BEGIN
  EXECUTE 'GRANT USAGE ON SCHEMA public TO kindling_app';
  FOR t IN
    SELECT c.relname
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.relname);
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = t.relname
                   AND policyname = 'tenant_isolation') THEN
      EXECUTE format(
        'CREATE POLICY tenant_isolation ON %I AS PERMISSIVE FOR ALL TO kindling_app '
        'USING (workspace_id = nullif(current_setting(''app.workspace_id'', true), '''')::uuid) '
        'WITH CHECK (workspace_id = nullif(current_setting(''app.workspace_id'', true), '''')::uuid)',
        t.relname);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = t.relname
                   AND policyname = 'owner_system_access') THEN
      EXECUTE format('CREATE POLICY owner_system_access ON %I AS PERMISSIVE FOR ALL TO %I USING (true) WITH CHECK (true)',
        t.relname, current_user);
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO kindling_app', t.relname);
  END LOOP;
END
$fn$;
--> statement-breakpoint
SELECT kindling_secure_tenant_tables();
--> statement-breakpoint
-- Global tables tenant code may read: names of people (never password hashes) and workspace profiles.
GRANT SELECT (id, email, name) ON users TO kindling_app;
--> statement-breakpoint
GRANT SELECT ON workspaces TO kindling_app;
