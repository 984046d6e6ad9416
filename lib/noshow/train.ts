import { extractFeatures, indexByContact, trainingAsOf, type HistoryAppointment, type RawFeatures, type ZoneOf } from "@/lib/noshow/features";
import { metrics, type Evaluation } from "@/lib/noshow/evaluate";
import { commonCalendars, featureNames, fitLogistic, priorModel, scoreFeatures, scoreVector, vectorize, type ModelParams } from "@/lib/noshow/model";
import type { RiskReason } from "@/lib/noshow/risk";

/**
 * Training, honestly: appointments with an outcome (showed / no-show) are ordered by start; the
 * oldest 80 % train, the most recent 20 % test. Each row's features are taken as of a day before
 * it started (trainingAsOf), from history before then only. The stored evaluation is of a model
 * that never saw the test rows; the model that then scores is refitted on every outcome.
 */

/** Fewer outcomes (or no-shows) than this and the agency gets the prior model. */
export const MIN_OUTCOMES = 200;
export const MIN_NO_SHOWS = 20;
/** The most recent share of outcomes held out for the evaluation. */
export const TEST_SHARE = 0.2;
/** An evaluation needs at least this many test rows. */
const MIN_TEST_ROWS = 30;

export interface TrainedModel {
  params: ModelParams;
  trainRows: number;
  testRows: number;
  splitAt: Date | null;
  evaluation: Evaluation | null;
  /** The model the evaluation is of (fitted on the training rows only); not stored. */
  evaluatedParams: ModelParams | null;
}

const isOutcome = (a: HistoryAppointment) => a.status === "showed" || a.status === "noshow";

function rowsFor(rows: readonly HistoryAppointment[], history: Map<string, HistoryAppointment[]>, zoneOf: ZoneOf, baseRate: number): RawFeatures[] {
  return rows.map((a) => extractFeatures(a, trainingAsOf(a), history, zoneOf, baseRate));
}

function fit(features: RawFeatures[], labels: number[], baseRate: number, calendarNames: ReadonlyMap<string, string>): ModelParams {
  const calendars = commonCalendars(features);
  const names = featureNames(calendars);
  const X = features.map((f) => vectorize(f, names));
  const fitted = fitLogistic(X, labels, names);
  return {
    kind: "fitted",
    ...fitted,
    baseRate,
    calendars: Object.fromEntries(calendars.map((id) => [id, calendarNames.get(id) ?? "booked"])),
  };
}

const rate = (labels: number[]) => labels.reduce((s, v) => s + v, 0) / Math.max(1, labels.length);

export function trainModel(all: readonly HistoryAppointment[], zoneOf: ZoneOf, now: Date, calendarNames: ReadonlyMap<string, string> = new Map()): TrainedModel {
  const history = indexByContact(all);
  const outcomes = all.filter((a) => isOutcome(a) && a.startTime < now).sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  const labels: number[] = outcomes.map((a) => (a.status === "noshow" ? 1 : 0));
  const noShows = labels.reduce((s, v) => s + v, 0);
  const thin = outcomes.length < MIN_OUTCOMES || noShows < MIN_NO_SHOWS;

  // The time split: a start time where the most recent share begins (ties stay on one side).
  let split = Math.floor(outcomes.length * (1 - TEST_SHARE));
  while (split > 0 && split < outcomes.length && outcomes[split]!.startTime.getTime() === outcomes[split - 1]!.startTime.getTime()) split++;
  const train = outcomes.slice(0, split);
  const test = outcomes.slice(split);
  const trainLabels = labels.slice(0, split);
  const testLabels = labels.slice(split);
  const splitAt = test[0]?.startTime ?? null;

  let evaluation: Evaluation | null = null;
  let evaluatedParams: ModelParams | null = null;
  if (test.length >= MIN_TEST_ROWS && train.length > 0 && splitAt) {
    const trainRate = rate(trainLabels);
    // The prior model is evaluated as it would have been used: its rate from the training rows' outcomes only.
    const evaluated = thin
      ? priorModel({ visits: train.length, noShows: trainLabels.reduce((s, v) => s + v, 0) })
      : fit(rowsFor(train, history, zoneOf, trainRate), trainLabels, trainRate, calendarNames);
    const testFeatures = rowsFor(test, history, zoneOf, evaluated.baseRate);
    const predicted = testFeatures.map((f) => scoreVector(evaluated, vectorize(f, evaluated.features)));
    const baseline = testFeatures.map((f) => f.noShowRate);
    evaluation = {
      trainRows: train.length,
      testRows: test.length,
      splitAt: splitAt.toISOString(),
      testNoShowRate: rate(testLabels),
      model: metrics(predicted, testLabels),
      baseline: metrics(baseline, testLabels),
      evaluated: evaluated.kind,
    };
    evaluatedParams = evaluated;
  }

  const params = thin
    ? priorModel({ visits: outcomes.length, noShows })
    : fit(rowsFor(outcomes, history, zoneOf, rate(labels)), labels, rate(labels), calendarNames);
  return { params, trainRows: train.length, testRows: test.length, splitAt, evaluation, evaluatedParams };
}

export interface ScoredAppointment {
  appointmentId: string;
  score: number;
  reasons: RiskReason[];
  features: RawFeatures;
}

/** Scores upcoming appointments as of now, with everything known now (their current confirmation included). */
export function scoreUpcoming(model: ModelParams, all: readonly HistoryAppointment[], upcoming: readonly HistoryAppointment[], zoneOf: ZoneOf, now: Date): ScoredAppointment[] {
  const history = indexByContact(all);
  return upcoming.map((a) => {
    const features = extractFeatures(a, now, history, zoneOf, model.baseRate, { confirmedNow: a.status === "confirmed" });
    const { score, reasons } = scoreFeatures(model, features);
    return { appointmentId: a.id, score, reasons, features };
  });
}
