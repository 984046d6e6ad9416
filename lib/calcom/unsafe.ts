import "server-only";
import { systemDb } from "@/lib/db/system";

/**
 * Sidecar's only cross-tenant reads for Cal.com, before any tenant is known, through the named
 * system needs (lib/db/system.ts). Both return identifiers; the work continues through forOrg.
 */

/** The tenant a webhook URL's `hook` names, and nothing else. */
export async function unsafeFindCalcomHookTenant(hookKey: string) {
  return systemDb("calcom.webhook-tenant").calcomConnection.findUnique({ where: { hookKey }, select: { organizationId: true } });
}

/** Every Cal.com connection, least recently reconciled first (for the nightly cron). */
export async function unsafeListCalcomConnections() {
  return systemDb("calcom.fan-out").calcomConnection.findMany({
    select: { id: true, organizationId: true },
    orderBy: [{ reconciledAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
  });
}
