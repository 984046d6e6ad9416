import { z } from "zod";

/** How well predicted probabilities match outcomes (1 = no-show) on held-out appointments. */

/** Area under the ROC curve: the chance a random no-show scores above a random show (ties count half). */
export function auc(predicted: readonly number[], actual: readonly number[]): number | null {
  const order = predicted.map((p, i) => i).sort((a, b) => predicted[a]! - predicted[b]!);
  let positives = 0;
  let rankSum = 0;
  // Average ranks over ties.
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && predicted[order[j + 1]!] === predicted[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (actual[order[k]!] === 1) {
        positives += 1;
        rankSum += rank;
      }
    }
    i = j + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean squared error of the probabilities (0 is perfect; always guessing the base rate r scores r(1 − r)). */
export function brier(predicted: readonly number[], actual: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < predicted.length; i++) s += (predicted[i]! - actual[i]!) ** 2;
  return predicted.length ? s / predicted.length : 0;
}

export const calibrationBinSchema = z.object({ decile: z.number(), n: z.number(), predicted: z.number(), observed: z.number() });
export type CalibrationBin = z.infer<typeof calibrationBinSchema>;

/** Rows sorted by prediction, cut into ten equal groups: mean predicted vs observed no-show rate in each. */
export function calibration(predicted: readonly number[], actual: readonly number[], bins = 10): CalibrationBin[] {
  const order = predicted.map((p, i) => i).sort((a, b) => predicted[a]! - predicted[b]!);
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * order.length) / bins);
    const to = Math.floor(((b + 1) * order.length) / bins);
    if (to <= from) continue;
    let p = 0;
    let o = 0;
    for (let k = from; k < to; k++) {
      p += predicted[order[k]!]!;
      o += actual[order[k]!]!;
    }
    out.push({ decile: b + 1, n: to - from, predicted: p / (to - from), observed: o / (to - from) });
  }
  return out;
}

export const metricsSchema = z.object({ auc: z.number().nullable(), brier: z.number(), calibration: z.array(calibrationBinSchema) });
export type Metrics = z.infer<typeof metricsSchema>;

export function metrics(predicted: readonly number[], actual: readonly number[]): Metrics {
  return { auc: auc(predicted, actual), brier: brier(predicted, actual), calibration: calibration(predicted, actual) };
}

/** What NoShowModel.evaluation holds. */
export const evaluationSchema = z.object({
  trainRows: z.number(),
  testRows: z.number(),
  /** The test split began at this start time: training saw only appointments that started before it. */
  splitAt: z.string(),
  testNoShowRate: z.number(),
  model: metricsSchema,
  /** "Prior no-show rate only": the contact's smoothed no-show rate as the probability. */
  baseline: metricsSchema,
  /** Which model was evaluated: "fitted" (trained on the older rows) or "prior" (the documented prior, not trained). */
  evaluated: z.enum(["fitted", "prior"]),
});
export type Evaluation = z.infer<typeof evaluationSchema>;
