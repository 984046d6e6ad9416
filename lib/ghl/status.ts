import "server-only";
import type { OrgDb } from "@/lib/db";
import { isGhlConfigured } from "@/lib/ghl/config";
import { inboxHealth } from "@/lib/webhooks/inbox-health";

/** What the integrations page shows: the connection and each clinic's sync health, webhooks included. */
export async function getIntegrationStatus(db: OrgDb) {
  const [connection, locations, inbox] = await Promise.all([
    db.ghlConnection.findUnique({
      where: { organizationId: db.organizationId },
      select: { companyId: true, createdAt: true, updatedAt: true, scopes: true, uninstalledAt: true },
    }),
    db.location.findMany({
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        ghlLocationId: true,
        timezone: true,
        ghlUninstalledAt: true,
        sync: {
          select: {
            health: true,
            lastSyncedAt: true,
            lastError: true,
            consecutiveFailures: true,
            rateLimitRemaining: true,
            rateLimitDailyRemaining: true,
            rateLimitObservedAt: true,
            reconciledAt: true,
            lastDriftCount: true,
            scanState: true,
          },
        },
      },
    }),
    inboxHealth(db),
  ]);
  const clinics = locations.map((clinic) => ({ ...clinic, webhooks: inbox.get(clinic.id) ?? { waiting: 0, dead: 0, oldestWaitingAt: null, lastDead: null } }));
  return { configured: isGhlConfigured(), connection, clinics };
}

export type IntegrationStatus = Awaited<ReturnType<typeof getIntegrationStatus>>;
