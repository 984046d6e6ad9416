import { z } from "zod";
import type { RawFeatures } from "@/lib/noshow/features";
import type { RiskReason } from "@/lib/noshow/risk";

/**
 * The no-show model: logistic regression on standardised features, fitted by Newton's method
 * with a small L2 penalty (a ridge keeps rare calendars and weekdays from running away on a thin
 * history). It is a few dozen lines on purpose: the npm package for it (ml-logistic-regression)
 * fits no intercept, has no regularisation, and runs a fixed 50,000 gradient steps on the summed
 * gradient, which is neither fast nor stable on an agency-sized history.
 *
 * A model is plain JSON (NoShowModel.params), so what scored an appointment can be read back.
 */

export const modelParamsSchema = z.object({
  kind: z.enum(["fitted", "prior"]),
  features: z.array(z.string()),
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  weights: z.array(z.number()),
  intercept: z.number(),
  /** The no-show rate that smooths a new contact's rate (the training rows' own rate). */
  baseRate: z.number().min(0).max(1),
  /** Calendars with a feature of their own: id → name (for the reasons). */
  calendars: z.record(z.string(), z.string()),
});
export type ModelParams = z.infer<typeof modelParamsSchema>;

const HOUR_BUCKETS = ["early", "afternoon", "evening"] as const;
const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
/** Calendars with at least this many training rows get a feature (at most MAX_CALENDARS of them). */
const MIN_CALENDAR_ROWS = 20;
const MAX_CALENDARS = 8;
const L2 = 1;

function hourBucket(hour: number): (typeof HOUR_BUCKETS)[number] | "midday" {
  if (hour < 10) return "early";
  if (hour >= 17) return "evening";
  if (hour >= 14) return "afternoon";
  return "midday";
}

const BASE_FEATURES = ["noShowRate", "recentNoShows", "lateCancels", "firstVisit", "leadLog", "sameDay", "confirmed", "confirmedUnknown", "sinceLastLog"];

/** The feature names of a model: the fixed ones, weekdays against Monday, hours against midday, its calendars. */
export function featureNames(calendarIds: readonly string[]): string[] {
  return [...BASE_FEATURES, ...[1, 2, 3, 4, 5, 6].map((d) => `dow:${d}`), ...HOUR_BUCKETS.map((h) => `hour:${h}`), ...calendarIds.map((id) => `cal:${id}`)];
}

/** The calendars common enough in the training rows to carry a weight of their own. */
export function commonCalendars(rows: readonly RawFeatures[]): string[] {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.calendarId) counts.set(r.calendarId, (counts.get(r.calendarId) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([, n]) => n >= MIN_CALENDAR_ROWS)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_CALENDARS)
    .map(([id]) => id);
}

/** One row of raw features as the model's vector (same order as featureNames). */
export function vectorize(f: RawFeatures, names: readonly string[], out = new Float64Array(names.length)): Float64Array {
  const bucket = hourBucket(f.hour);
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    let v = 0;
    switch (name) {
      case "noShowRate": v = f.noShowRate; break;
      case "recentNoShows": v = f.recentNoShows; break;
      case "lateCancels": v = Math.min(5, f.lateCancels); break;
      case "firstVisit": v = f.firstVisit ? 1 : 0; break;
      case "leadLog": v = Math.log1p(f.leadDays); break;
      case "sameDay": v = f.sameDay ? 1 : 0; break;
      case "confirmed": v = f.confirmed === true ? 1 : 0; break;
      case "confirmedUnknown": v = f.confirmed === null ? 1 : 0; break;
      case "sinceLastLog": v = f.daysSinceLastVisit === null ? 0 : Math.log1p(f.daysSinceLastVisit); break;
      default:
        if (name.startsWith("dow:")) v = f.weekday === Number(name.slice(4)) ? 1 : 0;
        else if (name.startsWith("hour:")) v = bucket === name.slice(5) ? 1 : 0;
        else if (name.startsWith("cal:")) v = f.calendarId === name.slice(4) ? 1 : 0;
    }
    out[i] = v;
  }
  return out;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
export const logit = (p: number) => Math.log(p / (1 - p));

/** Solves A x = b (A symmetric positive definite, n small) by Gaussian elimination with partial pivoting. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    const pivot = M[c]![c]!;
    if (Math.abs(pivot) < 1e-12) continue;
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / pivot;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= M[r]![k]! * x[k]!;
    x[r] = Math.abs(M[r]![r]!) < 1e-12 ? 0 : s / M[r]![r]!;
  }
  return x;
}

/**
 * Fits the weights: X rows already vectorised, y 1 for a no-show. Standardises each column on
 * these rows, then Newton steps on the penalised log-likelihood until they stop moving.
 */
export function fitLogistic(X: readonly Float64Array[], y: readonly number[], names: readonly string[]): Pick<ModelParams, "features" | "mean" | "scale" | "weights" | "intercept"> {
  const n = X.length;
  const d = names.length;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const x of X) for (let j = 0; j < d; j++) mean[j]! += x[j]! / n;
  for (const x of X) for (let j = 0; j < d; j++) scale[j]! += (x[j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
  const Z = X.map((x) => Array.from(x, (v, j) => (v - mean[j]!) / scale[j]!));
  // beta[0] is the intercept, beta[1..d] the weights.
  const rate = Math.min(0.99, Math.max(0.01, y.reduce((s, v) => s + v, 0) / Math.max(1, n)));
  let beta = [logit(rate), ...new Array<number>(d).fill(0)];
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Array<number>(d + 1).fill(0);
    const H = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const z = Z[i]!;
      let eta = beta[0]!;
      for (let j = 0; j < d; j++) eta += beta[j + 1]! * z[j]!;
      const p = sigmoid(eta);
      const r = y[i]! - p;
      const w = p * (1 - p);
      grad[0]! += r;
      H[0]![0]! += w;
      for (let j = 0; j < d; j++) {
        const zj = z[j]!;
        grad[j + 1]! += r * zj;
        H[0]![j + 1]! += w * zj;
        const row = H[j + 1]!;
        for (let k = j; k < d; k++) row[k + 1]! += w * zj * z[k]!;
      }
    }
    for (let j = 1; j <= d; j++) {
      grad[j]! -= L2 * beta[j]!;
      H[j]![j]! += L2;
      for (let k = 0; k < j; k++) H[j]![k] = H[k]![j]!;
    }
    const step = solve(H, grad);
    beta = beta.map((b, j) => b + step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-7) break;
  }
  return { features: [...names], mean, scale, weights: beta.slice(1), intercept: beta[0]! };
}

/**
 * The prior model, for an agency whose history is too thin to fit its own: the directions and
 * rough sizes the published no-show studies agree on, in log-odds, around the agency's own
 * (smoothed) no-show rate. Per no-show in the last 6 visits +0.55; per late cancellation +0.3;
 * first visit +0.35; per unit of ln(1 + days booked ahead) +0.3 (7 days ahead is neutral);
 * booked the same day −0.4; confirmed −0.7; per unit of ln(1 + days since the last visit) +0.1
 * (60 days is neutral). Weekday, hour and calendar carry no weight until the agency's own
 * history says so.
 */
export const PRIOR_WEIGHTS: Record<string, { weight: number; neutral: number }> = {
  recentNoShows: { weight: 0.55, neutral: 0 },
  lateCancels: { weight: 0.3, neutral: 0 },
  firstVisit: { weight: 0.35, neutral: 0 },
  leadLog: { weight: 0.3, neutral: Math.log1p(7) },
  sameDay: { weight: -0.4, neutral: 0 },
  confirmed: { weight: -0.7, neutral: 0 },
  sinceLastLog: { weight: 0.1, neutral: Math.log1p(60) },
};
/** What the prior model assumes before an agency has outcomes: 12 %, inside the industry's 10–20 %. */
export const PRIOR_BASE_RATE = 0.12;
/** Pseudo-appointments of the assumed rate mixed with the agency's own outcomes. */
const PRIOR_RATE_WEIGHT = 20;

export function priorModel(outcomes: { visits: number; noShows: number }): ModelParams {
  const baseRate = (outcomes.noShows + PRIOR_RATE_WEIGHT * PRIOR_BASE_RATE) / (outcomes.visits + PRIOR_RATE_WEIGHT);
  const features = featureNames([]);
  return {
    kind: "prior",
    features,
    mean: features.map((f) => PRIOR_WEIGHTS[f]?.neutral ?? 0),
    scale: features.map(() => 1),
    weights: features.map((f) => PRIOR_WEIGHTS[f]?.weight ?? 0),
    intercept: logit(baseRate),
    baseRate,
    calendars: {},
  };
}

/** Each feature's contribution (log-odds, relative to an average appointment) and the probability. */
export function scoreVector(model: ModelParams, x: Float64Array, contributions?: Float64Array): number {
  let eta = model.intercept;
  for (let j = 0; j < model.weights.length; j++) {
    const c = (model.weights[j]! * (x[j]! - model.mean[j]!)) / model.scale[j]!;
    if (contributions) contributions[j] = c;
    eta += c;
  }
  return sigmoid(eta);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function hourText(hour: number): string {
  const bucket = hourBucket(hour);
  if (bucket === "early") return "an early slot (before 10 am)";
  if (bucket === "evening") return "an evening slot (5 pm or later)";
  if (bucket === "afternoon") return "an afternoon slot (2–5 pm)";
  return "a midday slot (10 am–2 pm)";
}

/** Words for one group of features, given the appointment's raw values. */
function describe(group: string, f: RawFeatures, model: ModelParams): string {
  switch (group) {
    case "attendance":
      if (f.priorVisits === 0) return "new patient: no attendance history yet";
      return f.priorVisits > f.recentVisits
        ? `${plural(f.recentNoShows, "no-show")} in the last ${plural(f.recentVisits, "visit")}`
        : `${plural(f.priorNoShows, "no-show")} in ${plural(f.priorVisits, "visit")}`;
    case "lateCancels":
      return f.lateCancels === 0 ? "no late cancellations" : `${plural(f.lateCancels, "late cancellation")}`;
    case "firstVisit":
      return f.firstVisit ? "first visit" : "has visited before";
    case "leadLog": {
      const days = Math.round(f.leadDays);
      return days === 0 ? "booked less than a day ahead" : `booked ${plural(days, "day")} ahead`;
    }
    case "sameDay":
      return f.sameDay ? "booked the same day" : "not booked the same day";
    case "confirmation":
      return f.confirmed === true ? "confirmed" : f.confirmed === false ? "not confirmed yet" : "confirmation not recorded";
    case "sinceLastLog":
      return f.daysSinceLastVisit === null ? "no previous visit" : `last visit ${plural(Math.round(f.daysSinceLastVisit), "day")} ago`;
    case "weekday":
      return `a ${WEEKDAY_NAMES[f.weekday]} appointment`;
    case "hour":
      return hourText(f.hour);
    case "calendar":
      return f.calendarId && model.calendars[f.calendarId] ? `the ${model.calendars[f.calendarId]} calendar` : "its calendar";
    default:
      return group;
  }
}

function groupOf(feature: string): string {
  if (feature.startsWith("dow:")) return "weekday";
  if (feature.startsWith("hour:")) return "hour";
  if (feature.startsWith("cal:")) return "calendar";
  if (feature === "confirmed" || feature === "confirmedUnknown") return "confirmation";
  // The smoothed rate and the recent count say one thing in words: how the patient has attended.
  if (feature === "noShowRate" || feature === "recentNoShows") return "attendance";
  return feature;
}

/** Contributions smaller than this (log-odds) are not worth a reason. */
const MIN_REASON_WEIGHT = 0.05;

/** The top contributions in words, strongest first (positive weights raise the risk). */
export function reasonsFor(model: ModelParams, f: RawFeatures, contributions: Float64Array, max = 3): RiskReason[] {
  const groups = new Map<string, number>();
  for (let j = 0; j < model.features.length; j++) {
    const g = groupOf(model.features[j]!);
    groups.set(g, (groups.get(g) ?? 0) + contributions[j]!);
  }
  return [...groups.entries()]
    .filter(([, w]) => Math.abs(w) >= MIN_REASON_WEIGHT)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, max)
    .map(([g, w]) => ({ text: describe(g, f, model), weight: Math.round(w * 1000) / 1000 }));
}

/** Probability and reasons of one appointment. */
export function scoreFeatures(model: ModelParams, f: RawFeatures): { score: number; reasons: RiskReason[] } {
  const x = vectorize(f, model.features);
  const contributions = new Float64Array(model.features.length);
  const score = scoreVector(model, x, contributions);
  return { score, reasons: reasonsFor(model, f, contributions) };
}
