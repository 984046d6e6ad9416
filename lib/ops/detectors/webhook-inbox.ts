import "server-only";
import type { DetectedFinding, Detector, DetectorContext } from "@/lib/ops/findings";
import { formatInZone } from "@/lib/time/zoned";
import { inboxHealth, type ClinicInboxHealth } from "@/lib/webhooks/inbox-health";

/** GHL webhooks accepted but not applied: given up on (dead-lettered), or waiting too long (no drain running). */

/** Events are normally applied within seconds; this long means nothing is draining. */
export const WEBHOOK_BACKLOG_AFTER_MS = 10 * 60_000;

export interface InboxClinic {
  id: string;
  name: string;
  timezone: string;
  inbox: ClinicInboxHealth | undefined;
}

const when = (date: Date, timezone: string) =>
  formatInZone(date, timezone, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

export function webhookInboxRule(input: { clinics: InboxClinic[]; now: Date; orgSlug: string }): DetectedFinding[] {
  const records = [{ label: "Sync health in Settings → Integrations", href: `/agency/${input.orgSlug}/admin/settings/integrations` }];
  const out: DetectedFinding[] = [];
  for (const clinic of input.clinics) {
    const inbox = clinic.inbox;
    if (!inbox) continue;
    const base = { locationId: clinic.id, subjectKey: "clinic", records };
    if (inbox.dead > 0) {
      const last = inbox.lastDead;
      out.push({
        ...base,
        kind: "sync.webhooks_failed",
        severity: "high",
        title: `${clinic.name}: ${plural(inbox.dead, "GoHighLevel update")} could not be applied`,
        reason:
          `Sidecar accepted ${inbox.dead === 1 ? "this update" : "these updates"} from GoHighLevel but applying ${inbox.dead === 1 ? "it" : "them"} failed on every attempt, so the clinic's copy may be out of step` +
          (last ? ` (latest: ${last.type}${last.at ? ` at ${when(last.at, clinic.timezone)}` : ""}${last.reference ? `, reference ${last.reference}` : ""})` : "") +
          ". The next sync or the nightly reconciliation reads the records from GoHighLevel again; sync now to repair it sooner.",
        action: { kind: "sync.retry", label: "Retry sync now" },
      });
    }
    if (inbox.oldestWaitingAt && input.now.getTime() - inbox.oldestWaitingAt.getTime() > WEBHOOK_BACKLOG_AFTER_MS) {
      const minutes = Math.floor((input.now.getTime() - inbox.oldestWaitingAt.getTime()) / 60_000);
      out.push({
        ...base,
        kind: "sync.webhooks_behind",
        severity: "high",
        title: `${clinic.name}: ${plural(inbox.waiting, "GoHighLevel update")} waiting for ${minutes} min`,
        reason: `The oldest arrived ${when(inbox.oldestWaitingAt, clinic.timezone)} and is not applied yet; updates are normally applied within seconds. The webhook drain may not be running (see the README, "Webhook pipeline").`,
        records,
        action: { kind: "sync.retry", label: "Retry sync now" },
      });
    }
  }
  return out;
}

export const webhookInboxDetector: Detector = {
  kinds: ["sync.webhooks_failed", "sync.webhooks_behind"],
  async run(ctx: DetectorContext) {
    const [clinics, health] = await Promise.all([
      ctx.db.location.findMany({ select: { id: true, name: true, timezone: true } }),
      inboxHealth(ctx.db),
    ]);
    return webhookInboxRule({ clinics: clinics.map((c) => ({ ...c, inbox: health.get(c.id) })), now: ctx.now, orgSlug: ctx.orgSlug });
  },
};
