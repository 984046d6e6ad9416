import { describe, expect, it } from "vitest";
import type { DetectedFinding } from "@/lib/ops/findings";
import { planReconcile, type StoredFinding } from "@/lib/ops/reconcile";

const now = new Date("2026-12-02T15:00:00Z");
const found = (over: Partial<DetectedFinding> = {}): DetectedFinding => ({
  locationId: "loc1", kind: "sync.failing", subjectKey: "clinic", severity: "high", title: "Sync failing", reason: "3 failed", records: [], ...over,
});
const stored = (over: Partial<StoredFinding> = {}): StoredFinding => ({
  id: "f1", locationId: "loc1", kind: "sync.failing", subjectKey: "clinic", status: "open", severity: "high", title: "Sync failing", reason: "3 failed",
  records: [], action: null, priority: 0, snoozedUntil: null, missedRuns: 0, autoResolved: false, openedAt: new Date("2026-12-01T00:00:00Z"), ...over,
});
let n = 0;
const plan = (s: StoredFinding[], d: DetectedFinding[], kinds = ["sync.failing"]) =>
  planReconcile({ stored: s, detected: d, ranKinds: new Set(kinds), now, newId: () => `new${++n}` });

describe("planReconcile", () => {
  it("creates a new finding once, even when a detector reports it twice", () => {
    const p = plan([], [found(), found()]);
    expect(p.create).toHaveLength(1);
    expect(p.events).toEqual([expect.objectContaining({ type: "opened" })]);
  });

  it("only touches a finding that is reported again unchanged, and updates one whose numbers changed", () => {
    expect(plan([stored()], [found()])).toMatchObject({ create: [], touch: ["f1"], update: [] });
    const p = plan([stored()], [found({ reason: "4 failed", severity: "critical" })]);
    expect(p.update).toEqual([expect.objectContaining({ id: "f1", reopen: false, content: expect.objectContaining({ reason: "4 failed", severityRank: 0 }) })]);
  });

  it("touches a finding whose records and action come back from the database with their keys reordered", () => {
    const records = [{ label: "Item", href: "/agency/acme/admin/inventory/i1" }];
    const action = { kind: "inventory.reorder", label: "Draft a reorder", href: "/agency/acme/admin/ops/reorder" };
    // jsonb hands objects back shorter keys first: { href, label } and { href, kind, label }.
    const fromDb = stored({ records: [{ href: records[0]!.href, label: "Item" }], action: { href: action.href, kind: action.kind, label: action.label } });
    expect(plan([fromDb], [found({ records, action })])).toMatchObject({ touch: ["f1"], update: [] });
    expect(plan([fromDb], [found({ records: [{ ...records[0]!, label: "Other" }], action })]).update).toHaveLength(1);
  });

  it("auto-resolves only after two runs without the finding, so a flicker does not close it", () => {
    const first = plan([stored()], []);
    expect(first).toMatchObject({ miss: ["f1"], autoResolve: [] });
    // It is back on the next run: same episode, not reopened.
    const back = plan([stored({ missedRuns: 1 })], [found()]);
    expect(back.touch).toEqual(["f1"]);
    expect(back.events).toEqual([]);
    expect(back.create).toEqual([]);
    const second = plan([stored({ missedRuns: 1 })], []);
    expect(second.autoResolve).toEqual(["f1"]);
    expect(second.events).toEqual([expect.objectContaining({ type: "auto_resolved", episodeOpenedAt: new Date("2026-12-01T00:00:00Z") })]);
  });

  it("reopens an auto-resolved finding as a new episode when the problem returns", () => {
    const p = plan([stored({ status: "resolved", autoResolved: true, missedRuns: 2 })], [found()]);
    expect(p.update).toEqual([expect.objectContaining({ id: "f1", reopen: true })]);
    expect(p.events).toEqual([expect.objectContaining({ type: "reopened" })]);
  });

  it("keeps a person's resolution while the problem is still reported, unless it gets worse", () => {
    expect(plan([stored({ status: "resolved" })], [found()])).toMatchObject({ touch: ["f1"], events: [] });
    const worse = plan([stored({ status: "resolved" })], [found({ severity: "critical" })]);
    expect(worse.update).toEqual([expect.objectContaining({ reopen: true })]);
    // Once the problem has gone (one missed run), its return reopens it.
    expect(plan([stored({ status: "resolved" })], [])).toMatchObject({ miss: ["f1"], autoResolve: [] });
    expect(plan([stored({ status: "resolved", missedRuns: 1 })], [found()]).update).toEqual([expect.objectContaining({ reopen: true })]);
  });

  it("ends a snooze that has run out and leaves a running one alone", () => {
    const ended = plan([stored({ status: "snoozed", snoozedUntil: new Date("2026-12-02T14:00:00Z") })], [found()]);
    expect(ended.update).toEqual([expect.objectContaining({ endSnooze: true })]);
    expect(ended.events).toEqual([expect.objectContaining({ type: "snooze_ended" })]);
    expect(plan([stored({ status: "snoozed", snoozedUntil: new Date("2026-12-03T00:00:00Z") })], [found()]).touch).toEqual(["f1"]);
  });

  it("leaves findings of detectors that did not run (or failed) untouched", () => {
    expect(plan([stored()], [], ["inventory.stockout_ahead"])).toMatchObject({ miss: [], autoResolve: [], touch: [] });
  });
});
