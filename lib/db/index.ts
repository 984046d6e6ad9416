import "server-only";
import { prisma } from "@/lib/db/client";
import { unitOfWorkLanes } from "@/lib/db/connection";
import { createOrgClient, TenantScopeError, type OrgDb } from "@/lib/db/org-client";

export type { OrgDb, OrgTransaction } from "@/lib/db/org-client";
export { ClinicScopeError } from "@/lib/db/clinic-scope";

/**
 * forOrg handles hold no state (each query is its own transaction), so one per organization is
 * kept and handed out again: building one is two Prisma client extensions, which a webhook
 * delivery or a drain batch paid every time. Bounded, oldest dropped first.
 */
const orgHandles = new Map<string, OrgDb>();
const MAX_ORG_HANDLES = 1_000;

/** The org-scoped client for one organization: the way feature code reaches tenant data. */
export function forOrg(organizationId: string): OrgDb {
  let db = orgHandles.get(organizationId);
  if (!db) {
    db = createOrgClient(prisma, organizationId, "all");
    if (orgHandles.size >= MAX_ORG_HANDLES) orgHandles.delete(orgHandles.keys().next().value!);
    orgHandles.set(organizationId, db);
  }
  return db;
}

/**
 * A member's handle for one unit of work (a page render, an action, a route handler):
 * org-scoped, and for clinic staff (a clinic list) also limited to their clinics on every
 * clinic-owned model; null means every clinic (owners and admins). Its reads share a few
 * read-only tenant transactions (see ReadUnit in org-client.ts); `close()` ends them.
 */
export function forMember(organizationId: string, clinicIds: readonly string[] | null): OrgDb {
  if (clinicIds === undefined) throw new TenantScopeError("a member's handle needs its clinic set");
  return createOrgClient(prisma, organizationId, clinicIds === null ? "all" : clinicIds, { unitOfWork: { lanes: unitOfWorkLanes() } });
}

/**
 * Refreshes the planner's statistics of a table after a bulk load. Until autovacuum gets to
 * it, a table that grew from nothing to thousands of rows is planned as if empty, and lookups
 * by index turn into scans. Touches no rows; a role that does not own the table only gets a
 * warning from Postgres.
 */
/**
 * Whether the connecting role ignores row-level security (a superuser, or BYPASSRLS). Then the
 * forced policies hold only for the org-scoped client and the system needs, which switch roles;
 * a production server says so loudly at start-up.
 */
export async function connectionBypassesRowLevelSecurity(): Promise<{ role: string; bypasses: boolean }> {
  const [row] = await prisma.$queryRaw<{ role: string; bypasses: boolean }[]>`
    SELECT rolname AS role, (rolsuper OR rolbypassrls) AS bypasses FROM pg_roles WHERE rolname = current_user`;
  return row ?? { role: "unknown", bypasses: false };
}

/** `SELECT 1` on the app's database, for the health check. */
export function pingDatabase(): Promise<unknown> {
  return prisma.$queryRaw`SELECT 1`;
}

export async function refreshPlannerStatistics(table: "Contact" | "Appointment") {
  await prisma.$executeRawUnsafe(`ANALYZE "${table}"`);
}
