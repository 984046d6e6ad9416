import "server-only";
import { pool } from "@/lib/db/client";
import { tenantSettings } from "@/lib/db/tenant-models";

/**
 * One SQL statement on one organization's data, sent straight to the pg pool under the Prisma
 * client, for a path so hot that Prisma's query compilation and result mapping cost more than
 * the statement itself (the webhook inbox's acknowledging INSERT). It runs exactly as the
 * org-scoped client runs a query: in a transaction of its own that first takes the tenant's
 * settings (the app role without BYPASSRLS, app.org_id), so row-level security applies to it as
 * to any tenant query, and nothing of the settings outlives it on the pooled connection.
 *
 * `statement.name` makes it a prepared statement per connection (parsed and planned once).
 * Errors are pg's own (`code` is the SQLSTATE, e.g. 23503 for a foreign key).
 */
export interface TenantStatement {
  name?: string;
  text: string;
  values: unknown[];
}

const settingsText = (count: number) =>
  `SELECT ${Array.from({ length: count }, (_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(", ")}`;

export async function runTenantStatement<R extends Record<string, unknown>>(organizationId: string, statement: TenantStatement): Promise<R[]> {
  if (!organizationId) throw new Error("organizationId is required");
  const settings = tenantSettings(organizationId);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    await client.query({ name: "sidecar-tenant-settings", text: settingsText(settings.length), values: settings.flat() });
    const result = await client.query<R>({ name: statement.name, text: statement.text, values: statement.values });
    await client.query("COMMIT");
    return result.rows;
  } catch (err) {
    // A connection that cannot even roll back is not given back to the pool.
    await client.query("ROLLBACK").catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw err;
  } finally {
    client.release(broken);
  }
}
