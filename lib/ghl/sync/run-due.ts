import "server-only";
import { systemDb } from "@/lib/db/system";
import { log } from "@/lib/log";
import { syncLocation, type SyncOutcome } from "@/lib/ghl/sync/sync-location";

/** A clinic is due when its last sync is older than this (the cron runs every 15 minutes). */
const DUE_AFTER_MS = 10 * 60_000;

/**
 * Clinics of connected agencies that are due: never synced, last synced long enough ago, or
 * with a scan left unfinished by an earlier run. Cross-tenant by nature (it serves the
 * scheduler), so it reads through the "cron.fan-out" system need and returns only identifiers.
 */
export async function unsafeListLocationsDueForSync(now: Date) {
  const locations = await systemDb("cron.fan-out").location.findMany({
    where: {
      // Uninstalled in GHL (the sub-account or the whole agency): nothing to sync until reinstalled.
      organization: { ghlConnection: { is: { uninstalledAt: null } } },
      ghlUninstalledAt: null,
      OR: [
        { sync: null },
        { sync: { lastSyncedAt: null } },
        { sync: { lastSyncedAt: { lt: new Date(now.getTime() - DUE_AFTER_MS) } } },
        { sync: { scanState: { not: { equals: null } } } },
      ],
    },
    select: { id: true, organizationId: true, ghlLocationId: true, sync: { select: { lastSyncedAt: true } } },
  });
  // Longest-waiting first, so a short budget still reaches every clinic over a few ticks.
  return locations.sort((a, b) => (a.sync?.lastSyncedAt?.getTime() ?? 0) - (b.sync?.lastSyncedAt?.getTime() ?? 0));
}

/** The cron job: syncs due clinics one after another until the time budget is spent. */
export async function runDueSyncs(now: Date, budgetMs: number): Promise<{ due: number; synced: SyncOutcome[] }> {
  const deadline = now.getTime() + budgetMs;
  const due = await unsafeListLocationsDueForSync(now);
  const synced: SyncOutcome[] = [];
  for (const location of due) {
    const left = deadline - Date.now();
    if (left < 2_000) break;
    try {
      synced.push(
        await syncLocation(
          { organizationId: location.organizationId, locationId: location.id, ghlLocationId: location.ghlLocationId },
          { budgetMs: left },
        ),
      );
    } catch (err) {
      log.error({ err, locationId: location.id }, "could not run the sync of a clinic");
    }
  }
  return { due: due.length, synced };
}
