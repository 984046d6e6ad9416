import "server-only";
import { prisma } from "@/lib/db/client";

/**
 * Sidecar's only cross-tenant reads for Cal.com, before any tenant is known. Kept together and
 * small so they can move onto the platform's named cross-tenant path as one unit.
 */

/**
 * The tenant a webhook URL's `hook` names, and nothing else: the secret that must have signed
 * the delivery is then read through that tenant's org-scoped client.
 */
export async function unsafeFindCalcomHookTenant(hookKey: string) {
  return prisma.calcomConnection.findUnique({ where: { hookKey }, select: { organizationId: true } });
}

/** Every Cal.com connection, least recently reconciled first (for the nightly cron). */
export async function unsafeListCalcomConnections() {
  return prisma.calcomConnection.findMany({
    select: { id: true, organizationId: true },
    orderBy: [{ reconciledAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
  });
}
