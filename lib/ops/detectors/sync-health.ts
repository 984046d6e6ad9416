import "server-only";
import type { DetectedFinding, Detector, DetectorContext } from "@/lib/ops/findings";
import { formatInZone } from "@/lib/time/zoned";

/** GHL sync: failing, older than an hour, access lost, or last night's reconciliation found drift. */

export const STALE_AFTER_MS = 60 * 60_000;
/** Records found different by the nightly reconciliation above which a person should look. */
export const DRIFT_THRESHOLD = 10;
/** The message a sync records when GHL refuses the agency's access (lib/ghl/tokens.ts GhlReconnectRequiredError). */
export const RECONNECT_MESSAGE = "GoHighLevel no longer accepts Sidecar's access. An owner needs to reconnect it in Settings → Integrations.";

export interface SyncClinic {
  id: string;
  name: string;
  timezone: string;
  createdAt: Date;
  sync: {
    health: "pending" | "healthy" | "degraded" | "error" | "disconnected";
    lastSyncedAt: Date | null;
    lastError: string | null;
    consecutiveFailures: number;
    lastDriftCount: number | null;
    reconciledAt: Date | null;
  } | null;
}

const when = (date: Date, timezone: string) =>
  formatInZone(date, timezone, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });

function hoursSince(date: Date, now: Date): number {
  return Math.floor((now.getTime() - date.getTime()) / 3_600_000);
}

export function syncHealthRule(input: { connected: boolean; clinics: SyncClinic[]; now: Date; orgSlug: string }): DetectedFinding[] {
  const settings = `/agency/${input.orgSlug}/admin/settings/integrations`;
  const records = [{ label: "Sync health in Settings → Integrations", href: settings }];
  const reconnect = { kind: "ghl.reconnect", label: "Reconnect GoHighLevel", href: settings };
  const retry = { kind: "sync.retry", label: "Retry sync now" };
  const out: DetectedFinding[] = [];
  for (const clinic of input.clinics) {
    const sync = clinic.sync;
    const last = sync?.lastSyncedAt ? `Last good sync ${when(sync.lastSyncedAt, clinic.timezone)}.` : "It has never synced.";
    const base = { locationId: clinic.id, subjectKey: "clinic", records };
    if (!input.connected) {
      out.push({ ...base, kind: "sync.reconnect", severity: "critical", title: `${clinic.name}: GoHighLevel is not connected`, reason: `The agency's GoHighLevel connection is gone (disconnected or the app was uninstalled), so contacts and appointments stop updating. ${last}`, action: reconnect });
      continue;
    }
    if (sync?.health === "disconnected") {
      out.push({ ...base, kind: "sync.reconnect", severity: "critical", title: `${clinic.name}: the app was uninstalled in GoHighLevel`, reason: `GoHighLevel reported that Sidecar was uninstalled from this sub-account, so it no longer syncs; its data is kept. Install the app on the sub-account again from GoHighLevel's Marketplace to resume. ${last}`, action: reconnect });
      continue;
    }
    if (sync?.lastError === RECONNECT_MESSAGE) {
      out.push({ ...base, kind: "sync.reconnect", severity: "critical", title: `${clinic.name}: GoHighLevel needs to be reconnected`, reason: `GoHighLevel refused Sidecar's access on the last ${sync.consecutiveFailures} sync${sync.consecutiveFailures === 1 ? "" : "s"}. ${last}`, action: reconnect });
      continue;
    }
    if (sync && sync.consecutiveFailures > 0 && (sync.health === "error" || sync.health === "degraded")) {
      out.push({
        ...base,
        kind: "sync.failing",
        severity: sync.health === "error" ? "critical" : "high",
        title: `${clinic.name}: GHL sync is failing`,
        reason: `The last ${sync.consecutiveFailures} sync${sync.consecutiveFailures === 1 ? "" : "s"} failed${sync.lastError ? ` ("${sync.lastError.slice(0, 200)}")` : ""}. ${last}`,
        action: retry,
      });
    } else {
      const reference = sync?.lastSyncedAt ?? clinic.createdAt;
      if (input.now.getTime() - reference.getTime() > STALE_AFTER_MS) {
        const hours = hoursSince(reference, input.now);
        out.push({
          ...base,
          kind: "sync.stale",
          severity: "high",
          title: `${clinic.name}: data is ${hours} h old`,
          reason: sync?.lastSyncedAt
            ? `The last sync finished ${when(sync.lastSyncedAt, clinic.timezone)}, ${hours} hours ago; syncs run every 15 minutes.`
            : `The clinic was added ${when(clinic.createdAt, clinic.timezone)} and has not synced since (${hours} hours).`,
          action: retry,
        });
      }
    }
    if (sync?.lastDriftCount != null && sync.lastDriftCount > DRIFT_THRESHOLD) {
      out.push({
        ...base,
        kind: "sync.drift",
        severity: "medium",
        title: `${clinic.name}: reconciliation found ${sync.lastDriftCount} records out of step`,
        reason: `The reconciliation${sync.reconciledAt ? ` of ${when(sync.reconciledAt, clinic.timezone)}` : ""} found ${sync.lastDriftCount} records that differed from GoHighLevel (more than ${DRIFT_THRESHOLD}): webhooks are probably being missed.`,
        records,
        action: retry,
      });
    }
  }
  return out;
}

export const syncHealthDetector: Detector = {
  kinds: ["sync.failing", "sync.stale", "sync.reconnect", "sync.drift"],
  async run(ctx: DetectorContext) {
    const [connection, clinics] = await Promise.all([
      ctx.db.ghlConnection.findUnique({ where: { organizationId: ctx.organizationId }, select: { id: true, uninstalledAt: true } }),
      ctx.db.location.findMany({
        select: {
          id: true,
          name: true,
          timezone: true,
          createdAt: true,
          sync: { select: { health: true, lastSyncedAt: true, lastError: true, consecutiveFailures: true, lastDriftCount: true, reconciledAt: true } },
        },
      }),
    ]);
    return syncHealthRule({ connected: connection !== null && connection.uninstalledAt === null, clinics, now: ctx.now, orgSlug: ctx.orgSlug });
  },
};
