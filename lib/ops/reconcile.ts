import { severityRank, type DetectedFinding, type FindingSeverity, type FindingRecord, type SuggestedAction } from "@/lib/ops/findings";

/**
 * What one detector run changes in the stored queue, worked out without the database: which
 * findings are new, which are still there, which came back, and which went away. The store
 * applies the plan in one transaction.
 *
 * - A finding is keyed by (locationId, kind, subjectKey): the same problem is never filed twice.
 * - A finding the detectors stop reporting resolves itself only after it is missed by
 *   AUTO_RESOLVE_AFTER_MISSES runs in a row, so a detector that flickers for one run does not
 *   close and reopen it.
 * - A finding a person resolved while the problem is still reported stays resolved (they chose
 *   to close it) unless its severity gets worse; once the problem has gone and comes back, it
 *   reopens as a new episode.
 * - A snoozed finding comes back to the queue when its snooze ends.
 */

export const AUTO_RESOLVE_AFTER_MISSES = 2;

export type StoredStatus = "open" | "snoozed" | "resolved";

export interface StoredFinding {
  id: string;
  locationId: string;
  kind: string;
  subjectKey: string;
  status: StoredStatus;
  severity: string;
  title: string;
  reason: string;
  records: unknown;
  action: unknown;
  priority: number;
  snoozedUntil: Date | null;
  missedRuns: number;
  autoResolved: boolean;
  openedAt: Date;
}

export interface FindingContent {
  severity: FindingSeverity;
  severityRank: number;
  priority: number;
  title: string;
  reason: string;
  records: FindingRecord[];
  action: SuggestedAction | null;
}

export type PlannedEvent = { findingId: string; locationId: string; type: "opened" | "reopened" | "auto_resolved" | "snooze_ended"; note?: string; episodeOpenedAt?: Date };

export interface ReconcilePlan {
  create: Array<FindingContent & { id: string; locationId: string; kind: string; subjectKey: string }>;
  /** Still reported, content unchanged: lastSeenAt = now, missedRuns = 0. */
  touch: string[];
  /** Still reported with new content (and maybe a status change). */
  update: Array<{ id: string; content: FindingContent; reopen: boolean; endSnooze: boolean }>;
  /** Not reported this run, not yet long enough to resolve: missedRuns + 1. */
  miss: string[];
  /** Not reported for AUTO_RESOLVE_AFTER_MISSES runs: resolved by the detector. */
  autoResolve: string[];
  events: PlannedEvent[];
}

export const findingKey = (f: { locationId: string; kind: string; subjectKey: string }) => `${f.locationId}\u0000${f.kind}\u0000${f.subjectKey}`;

export function contentOf(found: DetectedFinding): FindingContent {
  return {
    severity: found.severity,
    severityRank: severityRank(found.severity),
    priority: Number.isFinite(found.priority) ? found.priority! : 0,
    title: found.title,
    reason: found.reason,
    records: found.records,
    action: found.action ?? null,
  };
}

/**
 * JSON with object keys sorted: Postgres stores jsonb with its own key order (shorter keys
 * first), so a record read back is equal to the one written but does not stringify the same.
 */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function sameContent(stored: StoredFinding, content: FindingContent): boolean {
  return (
    stored.severity === content.severity &&
    stored.title === content.title &&
    stored.reason === content.reason &&
    stored.priority === content.priority &&
    canonicalJson(stored.records) === canonicalJson(content.records) &&
    canonicalJson(stored.action ?? null) === canonicalJson(content.action)
  );
}

const worse = (next: string, before: string) => severityRank(next as FindingSeverity) < severityRank(before as FindingSeverity);

/**
 * @param stored every unresolved finding of the kinds that ran, the resolved ones still being
 *   reported (missedRuns 0), and any stored row whose key is among `detected`.
 * @param ranKinds kinds whose detectors completed this run; findings of other kinds are left alone.
 */
export function planReconcile(input: {
  stored: StoredFinding[];
  detected: DetectedFinding[];
  ranKinds: ReadonlySet<string>;
  now: Date;
  newId: () => string;
}): ReconcilePlan {
  const plan: ReconcilePlan = { create: [], touch: [], update: [], miss: [], autoResolve: [], events: [] };
  const byKey = new Map(input.stored.map((s) => [findingKey(s), s]));
  const seen = new Set<string>();
  for (const found of input.detected) {
    const key = findingKey(found);
    if (seen.has(key)) continue;
    seen.add(key);
    const content = contentOf(found);
    const stored = byKey.get(key);
    if (!stored) {
      const id = input.newId();
      plan.create.push({ id, locationId: found.locationId, kind: found.kind, subjectKey: found.subjectKey, ...content });
      plan.events.push({ findingId: id, locationId: found.locationId, type: "opened" });
      continue;
    }
    let reopen = false;
    if (stored.status === "resolved") {
      const wentAway = stored.autoResolved || stored.missedRuns > 0;
      reopen = wentAway || worse(content.severity, stored.severity);
      if (reopen) {
        plan.events.push({ findingId: stored.id, locationId: stored.locationId, type: "reopened", note: wentAway ? undefined : `severity rose to ${content.severity}` });
      }
    }
    const endSnooze = stored.status === "snoozed" && (stored.snoozedUntil === null || stored.snoozedUntil <= input.now);
    if (endSnooze) plan.events.push({ findingId: stored.id, locationId: stored.locationId, type: "snooze_ended" });
    if (!reopen && !endSnooze && sameContent(stored, content)) plan.touch.push(stored.id);
    else plan.update.push({ id: stored.id, content, reopen, endSnooze });
  }
  for (const stored of input.stored) {
    if (seen.has(findingKey(stored)) || !input.ranKinds.has(stored.kind)) continue;
    if (stored.status === "resolved") {
      // A person's resolution of a problem that has now gone: remember it went, so a return reopens it.
      if (stored.missedRuns === 0) plan.miss.push(stored.id);
      continue;
    }
    if (stored.missedRuns + 1 >= AUTO_RESOLVE_AFTER_MISSES) {
      plan.autoResolve.push(stored.id);
      plan.events.push({ findingId: stored.id, locationId: stored.locationId, type: "auto_resolved", episodeOpenedAt: stored.openedAt });
    } else {
      plan.miss.push(stored.id);
    }
  }
  return plan;
}
