import "server-only";
import { prisma } from "@/lib/db/client";
import { createOrgClient, type OrgDb } from "@/lib/db/org-client";

export type { OrgDb, OrgTransaction } from "@/lib/db/org-client";

/** The org-scoped client for one organization: the way feature code reaches tenant data. */
export function forOrg(organizationId: string): OrgDb {
  return createOrgClient(prisma, organizationId);
}

/**
 * Refreshes the planner's statistics of a table after a bulk load. Until autovacuum gets to
 * it, a table that grew from nothing to thousands of rows is planned as if empty, and lookups
 * by index turn into scans. Touches no rows; a role that does not own the table only gets a
 * warning from Postgres.
 */
/** `SELECT 1` on the app's database, for the health check. */
export function pingDatabase(): Promise<unknown> {
  return prisma.$queryRaw`SELECT 1`;
}

export async function refreshPlannerStatistics(table: "Contact" | "Appointment") {
  await prisma.$executeRawUnsafe(`ANALYZE "${table}"`);
}
