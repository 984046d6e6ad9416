import { describe, expect, it } from "vitest";
import { extractFeatures, indexByContact, localParts, trainingAsOf, type HistoryAppointment } from "@/lib/noshow/features";
import { auc, brier, calibration } from "@/lib/noshow/evaluate";
import { PRIOR_BASE_RATE, fitLogistic, featureNames, priorModel, reasonsFor, scoreFeatures, scoreVector, vectorize } from "@/lib/noshow/model";
import { bandFor, reasonLine } from "@/lib/noshow/risk";
import { retrainDue } from "@/lib/noshow/run";
import { generateHistory } from "@/lib/noshow/synthetic";
import { MIN_OUTCOMES, scoreUpcoming, trainModel } from "@/lib/noshow/train";

const DAY = 86_400_000;
const CHICAGO = "America/Chicago";
const zone = () => CHICAGO;

let seq = 0;
function appt(patch: Partial<HistoryAppointment> & { startTime: Date }): HistoryAppointment {
  return {
    id: `a${++seq}`,
    contactId: "c1",
    locationId: "l1",
    calendarId: "cal",
    status: "showed",
    bookedAt: new Date(patch.startTime.getTime() - 7 * DAY),
    changedAt: patch.startTime,
    confirmedSnapshot: null,
    ...patch,
  };
}

const at = (iso: string) => new Date(iso);

describe("feature extraction", () => {
  it("counts only the contact's visits that started before the as-of instant, never the appointment itself", () => {
    const target = appt({ startTime: at("2026-06-10T15:00:00Z"), status: "noshow" });
    const history = [
      appt({ startTime: at("2026-05-01T15:00:00Z"), status: "noshow" }),
      appt({ startTime: at("2026-05-20T15:00:00Z"), status: "showed" }),
      // After the as-of instant: its outcome was not known yet.
      appt({ startTime: at("2026-06-09T20:00:00Z"), status: "noshow" }),
      target,
      appt({ startTime: at("2026-07-01T15:00:00Z"), status: "noshow" }),
      appt({ startTime: at("2026-05-02T15:00:00Z"), status: "noshow", contactId: "someone-else" }),
    ];
    const f = extractFeatures(target, trainingAsOf(target), indexByContact(history), zone, 0.1);
    expect(f.priorVisits).toBe(2);
    expect(f.priorNoShows).toBe(1);
    expect(f.recentNoShows).toBe(1);
    expect(f.firstVisit).toBe(false);
    expect(f.noShowRate).toBeCloseTo((1 + 2 * 0.1) / (2 + 2), 10);
    expect(f.daysSinceLastVisit).toBeCloseTo(20, 5);
  });

  it("never reads the appointment's own outcome: a show and a no-show at the same moment get the same features", () => {
    const start = at("2026-06-10T15:00:00Z");
    const past = [appt({ startTime: at("2026-05-01T15:00:00Z"), status: "noshow" })];
    const showed = appt({ id: "x", startTime: start, status: "showed", confirmedSnapshot: true });
    const noShow = appt({ id: "x", startTime: start, status: "noshow", confirmedSnapshot: true });
    const a = extractFeatures(showed, trainingAsOf(showed), indexByContact([...past, showed]), zone, 0.12);
    const b = extractFeatures(noShow, trainingAsOf(noShow), indexByContact([...past, noShow]), zone, 0.12);
    expect(a).toEqual(b);
    expect(a.confirmed).toBe(true);
  });

  it("takes confirmation from the score snapshot, not from the status the outcome overwrote", () => {
    const a = appt({ startTime: at("2026-06-10T15:00:00Z"), status: "noshow", confirmedSnapshot: null });
    expect(extractFeatures(a, trainingAsOf(a), new Map(), zone, 0.1).confirmed).toBeNull();
    const upcoming = appt({ startTime: at("2026-06-10T15:00:00Z"), status: "confirmed" });
    expect(extractFeatures(upcoming, at("2026-06-05T00:00:00Z"), new Map(), zone, 0.1, { confirmedNow: true }).confirmed).toBe(true);
  });

  it("counts a cancellation as late only when it came within 24 hours of the start and before the as-of instant", () => {
    const target = appt({ startTime: at("2026-06-10T15:00:00Z") });
    const history = [
      appt({ startTime: at("2026-05-01T15:00:00Z"), status: "cancelled", changedAt: at("2026-05-01T09:00:00Z") }),
      appt({ startTime: at("2026-05-05T15:00:00Z"), status: "cancelled", changedAt: at("2026-05-02T09:00:00Z") }),
      target,
    ];
    expect(extractFeatures(target, trainingAsOf(target), indexByContact(history), zone, 0.1).lateCancels).toBe(1);
  });

  it("treats a new contact, a contact who only ever missed, and no contact at all as a first visit at the base rate", () => {
    const lone = appt({ startTime: at("2026-06-10T15:00:00Z"), contactId: null });
    const f = extractFeatures(lone, trainingAsOf(lone), new Map(), zone, 0.14);
    expect(f).toMatchObject({ firstVisit: true, priorVisits: 0, daysSinceLastVisit: null });
    expect(f.noShowRate).toBeCloseTo(0.14, 10);
    const target = appt({ startTime: at("2026-06-10T15:00:00Z") });
    const missed = [appt({ startTime: at("2026-05-01T15:00:00Z"), status: "noshow" }), target];
    expect(extractFeatures(target, trainingAsOf(target), indexByContact(missed), zone, 0.14).firstVisit).toBe(true);
  });

  it("reads weekday, hour and same-day booking in the clinic's time zone", () => {
    // Monday 01:30 UTC is Sunday 8:30 pm in Chicago (CDT).
    const start = at("2026-03-09T01:30:00Z");
    expect(localParts(start, CHICAGO)).toEqual({ weekday: 6, hour: 20, dateKey: "2026-03-08" });
    expect(localParts(start, "UTC")).toEqual({ weekday: 0, hour: 1, dateKey: "2026-03-09" });
    const a = appt({ startTime: start, bookedAt: at("2026-03-08T15:00:00Z") });
    expect(extractFeatures(a, a.bookedAt, new Map(), () => CHICAGO, 0.1)).toMatchObject({ sameDay: true, weekday: 6, hour: 20 });
    expect(extractFeatures(a, a.bookedAt, new Map(), () => "UTC", 0.1)).toMatchObject({ sameDay: false, weekday: 0, hour: 1 });
  });

  it("scores past appointments as of a day before they start, or when booked if later", () => {
    const start = at("2026-06-10T15:00:00Z");
    expect(trainingAsOf({ startTime: start, bookedAt: at("2026-06-01T00:00:00Z") })).toEqual(at("2026-06-09T15:00:00Z"));
    expect(trainingAsOf({ startTime: start, bookedAt: at("2026-06-10T09:00:00Z") })).toEqual(at("2026-06-10T09:00:00Z"));
  });
});

describe("scoring and reasons", () => {
  const base = (patch: Partial<HistoryAppointment> = {}) => appt({ startTime: at("2026-06-10T16:00:00Z"), ...patch });

  it("the prior model raises the risk with recent no-shows and lowers it when confirmed", () => {
    const model = priorModel({ visits: 0, noShows: 0 });
    expect(model.kind).toBe("prior");
    expect(model.baseRate).toBeCloseTo(PRIOR_BASE_RATE, 10);
    const target = base();
    const reliable = [appt({ startTime: at("2026-05-01T15:00:00Z") }), target];
    const flaky = [appt({ startTime: at("2026-05-01T15:00:00Z"), status: "noshow" }), appt({ startTime: at("2026-05-08T15:00:00Z"), status: "noshow" }), appt({ startTime: at("2026-05-09T15:00:00Z") }), target];
    const asOf = at("2026-06-05T00:00:00Z");
    const r = scoreFeatures(model, extractFeatures(target, asOf, indexByContact(reliable), zone, model.baseRate));
    const f = scoreFeatures(model, extractFeatures(target, asOf, indexByContact(flaky), zone, model.baseRate));
    const c = scoreFeatures(model, extractFeatures(target, asOf, indexByContact(flaky), zone, model.baseRate, { confirmedNow: true }));
    expect(f.score).toBeGreaterThan(r.score);
    expect(c.score).toBeLessThan(f.score);
    expect(f.reasons[0]).toEqual({ text: "2 no-shows in 3 visits", weight: expect.any(Number) });
    expect(f.reasons[0]!.weight).toBeGreaterThan(0);
    expect(c.reasons.map((x) => x.text)).toContain("confirmed");
    expect(c.reasons.find((x) => x.text === "confirmed")!.weight).toBeLessThan(0);
  });

  it("words attendance as the last 6 visits once there are more", () => {
    const model = priorModel({ visits: 0, noShows: 0 });
    const target = base();
    const visits = Array.from({ length: 8 }, (_, i) => appt({ startTime: new Date(at("2026-01-05T15:00:00Z").getTime() + i * 14 * DAY), status: i === 0 || i >= 6 ? "noshow" : "showed" }));
    const f = extractFeatures(target, at("2026-06-05T00:00:00Z"), indexByContact([...visits, target]), zone, model.baseRate);
    expect(f).toMatchObject({ priorVisits: 8, priorNoShows: 3, recentNoShows: 2, recentVisits: 6 });
    expect(scoreFeatures(model, f).reasons[0]!.text).toBe("2 no-shows in the last 6 visits");
  });

  it("says how far ahead it was booked, strongest reason first, at most three", () => {
    const model = priorModel({ visits: 0, noShows: 0 });
    const target = base({ bookedAt: new Date(at("2026-06-10T16:00:00Z").getTime() - 41 * DAY) });
    const features = extractFeatures(target, at("2026-06-09T00:00:00Z"), new Map(), zone, model.baseRate);
    const { reasons } = scoreFeatures(model, features);
    expect(reasons.map((r) => r.text)).toContain("booked 41 days ahead");
    expect(reasons.length).toBeLessThanOrEqual(3);
    const sizes = reasons.map((r) => Math.abs(r.weight));
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    expect(reasonLine([{ text: "lowers", weight: -1 }, { text: "first visit", weight: 0.4 }, { text: "booked 41 days ahead", weight: 0.3 }])).toBe("first visit; booked 41 days ahead");
  });

  it("groups one-hot features into one reason in words", () => {
    const names = featureNames(["cal-botox"]);
    const model = { ...priorModel({ visits: 0, noShows: 0 }), features: names, mean: names.map(() => 0), scale: names.map(() => 1), weights: names.map((n) => (n === "dow:5" ? 0.8 : n === "cal:cal-botox" ? 0.5 : 0)), calendars: { "cal-botox": "Botox" } };
    // Saturday 10:00 in Chicago.
    const f = extractFeatures(base({ startTime: at("2026-06-13T15:00:00Z"), calendarId: "cal-botox" }), at("2026-06-10T00:00:00Z"), new Map(), zone, 0.1);
    const x = vectorize(f, names);
    const contributions = new Float64Array(names.length);
    scoreVector(model, x, contributions);
    expect(reasonsFor(model, f, contributions).map((r) => r.text)).toEqual(["a Saturday appointment", "the Botox calendar"]);
  });

  it("bands by probability", () => {
    expect([bandFor(0.05), bandFor(0.15), bandFor(0.29), bandFor(0.3), bandFor(0.9)]).toEqual(["low", "medium", "medium", "high", "high"]);
  });
});

describe("fitting and evaluation", () => {
  it("AUC, Brier and calibration on known cases", () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    expect(auc([0.3, 0.4], [0, 0])).toBeNull();
    expect(brier([1, 0, 0.5], [1, 0, 1])).toBeCloseTo(0.25 / 3, 10);
    const predicted = Array.from({ length: 100 }, (_, i) => i / 100);
    const bins = calibration(predicted, predicted.map((p) => (p >= 0.5 ? 1 : 0)));
    expect(bins).toHaveLength(10);
    expect(bins.every((b) => b.n === 10)).toBe(true);
    expect(bins[0]).toMatchObject({ decile: 1, observed: 0 });
    expect(bins[0]!.predicted).toBeCloseTo(0.045, 10);
    expect(bins[9]).toMatchObject({ decile: 10, observed: 1 });
  });

  it("logistic regression recovers the signs of a known process", () => {
    const names = ["a", "b"];
    const X: Float64Array[] = [];
    const y: number[] = [];
    let s = 1;
    const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 4000; i++) {
      const a = rand() * 2 - 1;
      const b = rand() * 2 - 1;
      X.push(Float64Array.from([a, b]));
      y.push(rand() < 1 / (1 + Math.exp(-(-1 + 2 * a - 1.5 * b))) ? 1 : 0);
    }
    const fit = fitLogistic(X, y, names);
    const raw = fit.weights.map((w, j) => w / fit.scale[j]!);
    expect(raw[0]).toBeGreaterThan(1.5);
    expect(raw[0]).toBeLessThan(2.5);
    expect(raw[1]).toBeLessThan(-1);
    expect(raw[1]).toBeGreaterThan(-2);
  });

  const now = at("2026-12-01T12:00:00Z");

  it("trains on the older outcomes, tests on the most recent, and beats the prior-rate baseline on a known process", () => {
    const history = generateHistory({ contacts: 900, days: 540, now, seed: 3 });
    const trained = trainModel(history, zone, now);
    expect(trained.params.kind).toBe("fitted");
    const ev = trained.evaluation!;
    expect(ev.evaluated).toBe("fitted");
    const outcomes = history.filter((a) => (a.status === "showed" || a.status === "noshow") && a.startTime < now);
    const splitAt = new Date(ev.splitAt);
    expect(outcomes.filter((a) => a.startTime < splitAt)).toHaveLength(ev.trainRows);
    expect(outcomes.filter((a) => a.startTime >= splitAt)).toHaveLength(ev.testRows);
    expect(ev.testRows / (ev.trainRows + ev.testRows)).toBeCloseTo(0.2, 1);
    expect(ev.model.auc!).toBeGreaterThan(ev.baseline.auc!);
    expect(ev.model.brier).toBeLessThan(ev.baseline.brier);
    expect(ev.model.calibration).toHaveLength(10);
    const weight = (name: string) => trained.params.weights[trained.params.features.indexOf(name)]!;
    expect(weight("confirmed")).toBeLessThan(0);
    expect(weight("leadLog")).toBeGreaterThan(0);
  });

  it("the test rows' outcomes do not change the model that is evaluated (no leakage)", () => {
    const history = generateHistory({ contacts: 600, days: 400, now, seed: 5 });
    const first = trainModel(history, zone, now);
    const splitAt = new Date(first.evaluation!.splitAt);
    // Flip every outcome after the split: the evaluated model is fitted on the older rows only, so
    // the model's test predictions move only through the history features, and training is identical.
    const flipped = history.map((a) => (a.startTime >= splitAt && a.startTime < now && (a.status === "showed" || a.status === "noshow") ? { ...a, status: a.status === "showed" ? "noshow" : "showed" } : a));
    const second = trainModel(flipped, zone, now);
    expect(second.evaluation!.trainRows).toBe(first.evaluation!.trainRows);
    expect(second.evaluation!.testNoShowRate).toBeCloseTo(1 - first.evaluation!.testNoShowRate, 10);
    expect(second.evaluatedParams!.weights).toEqual(first.evaluatedParams!.weights);
    expect(second.evaluatedParams!.intercept).toBe(first.evaluatedParams!.intercept);
    // The model that scores from now on does learn from them.
    expect(second.params.weights).not.toEqual(first.params.weights);
  });

  it("a row's features do not change when any outcome from its as-of instant on changes", () => {
    const history = generateHistory({ contacts: 200, days: 400, now, seed: 11 });
    const rows = history.filter((a) => a.status === "showed" || a.status === "noshow").slice(0, 300);
    for (const row of rows) {
      const asOf = trainingAsOf(row);
      const flip = history.map((a) => (a.startTime >= asOf && (a.status === "showed" || a.status === "noshow") ? { ...a, status: a.status === "showed" ? "noshow" : "showed" } : a));
      const before = extractFeatures(row, asOf, indexByContact(history), zone, 0.1);
      const after = extractFeatures(flip.find((a) => a.id === row.id)!, asOf, indexByContact(flip), zone, 0.1);
      expect(after).toEqual(before);
    }
  });

  it("falls back to the documented prior model, labelled as such, when the history is thin", () => {
    const history = generateHistory({ contacts: 15, days: 200, now, seed: 9 });
    expect(history.filter((a) => a.status === "showed" || a.status === "noshow").length).toBeLessThan(MIN_OUTCOMES);
    const trained = trainModel(history, zone, now);
    expect(trained.params.kind).toBe("prior");
    const upcoming = history.filter((a) => a.startTime >= now && (a.status === "new" || a.status === "confirmed"));
    const scored = scoreUpcoming(trained.params, history, upcoming, zone, now);
    expect(scored).toHaveLength(upcoming.length);
    for (const s of scored) {
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThan(1);
    }
  });

  it("retrains once a day, on the first run after 04:00 UTC", () => {
    expect(retrainDue(null, now)).toBe(true);
    expect(retrainDue(at("2026-12-01T04:50:00Z"), at("2026-12-01T23:50:00Z"))).toBe(false);
    expect(retrainDue(at("2026-12-01T04:50:00Z"), at("2026-12-02T03:50:00Z"))).toBe(false);
    expect(retrainDue(at("2026-12-01T04:50:00Z"), at("2026-12-02T04:50:00Z"))).toBe(true);
  });
});
