/**
 * npm run bench:noshow — the no-show model on a generated history whose true process is known
 * (lib/noshow/synthetic.ts states it), against the baseline "the contact's prior no-show rate
 * only", on the same time split: the oldest 80 % of outcomes train, the most recent 20 % test.
 * Prints AUC, Brier and the calibration per decile of both (and of the true probabilities, the
 * best any model could do), then the time to score 100,000 upcoming appointments.
 *
 * BENCH_CONTACTS (default 12,000 patients over two years, ≈ 110k appointments) and
 * BENCH_SCORE_ROWS (default 100,000) size it.
 */
import { performance } from "node:perf_hooks";
import { metrics, type Metrics } from "@/lib/noshow/evaluate";
import { generateHistory, TRUE_PROCESS } from "@/lib/noshow/synthetic";
import { scoreUpcoming, trainModel } from "@/lib/noshow/train";

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 12_000);
const SCORE_ROWS = Number(process.env.BENCH_SCORE_ROWS ?? 100_000);
const now = new Date("2026-12-01T12:00:00Z");
const zoneOf = () => "America/Chicago";

const f3 = (v: number | null) => (v === null ? "  n/a" : v.toFixed(3));
const pct = (v: number) => `${(v * 100).toFixed(1)}%`.padStart(6);

function table(rows: Array<[string, Metrics]>) {
  console.log(`\n${"".padEnd(34)}${"AUC".padStart(8)}${"Brier".padStart(8)}`);
  for (const [name, m] of rows) console.log(`${name.padEnd(34)}${f3(m.auc).padStart(8)}${f3(m.brier).padStart(8)}`);
  console.log("\ncalibration per decile (predicted → observed no-show rate)");
  console.log(`${"decile".padEnd(8)}${rows.map(([name]) => name.slice(0, 22).padStart(24)).join("")}`);
  for (let d = 0; d < 10; d++) {
    const cells = rows.map(([, m]) => {
      const b = m.calibration[d];
      return (b ? `${pct(b.predicted)} → ${pct(b.observed)}` : "").padStart(24);
    });
    console.log(`${String(d + 1).padEnd(8)}${cells.join("")}`);
  }
}

function main() {
  console.log("True no-show process (log-odds):");
  console.log(
    `  ${TRUE_PROCESS.intercept} + u(contact) + ${TRUE_PROCESS.leadLog}·ln(1+days ahead) ${TRUE_PROCESS.sameDay}·same-day ${TRUE_PROCESS.confirmed}·confirmed` +
      ` + ${TRUE_PROCESS.firstVisit}·first visit + ${TRUE_PROCESS.monday}·Monday + ${TRUE_PROCESS.early}·before 10 am; u ~ N(0, ${TRUE_PROCESS.contactSd}), unobserved`,
  );
  let t = performance.now();
  const history = generateHistory({ contacts: CONTACTS, days: 730, now, seed: 42 });
  const outcomes = history.filter((a) => (a.status === "showed" || a.status === "noshow") && a.startTime < now);
  console.log(`\ngenerated ${history.length.toLocaleString("en-US")} appointments (${outcomes.length.toLocaleString("en-US")} with an outcome, ${pct(outcomes.filter((a) => a.status === "noshow").length / outcomes.length).trim()} no-shows) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  t = performance.now();
  const trained = trainModel(history, zoneOf, now);
  const trainMs = performance.now() - t;
  const ev = trained.evaluation;
  if (!ev) throw new Error("too few outcomes to evaluate; raise BENCH_CONTACTS");
  console.log(`evaluated ${ev.evaluated} model: trained on ${ev.trainRows.toLocaleString("en-US")}, tested on ${ev.testRows.toLocaleString("en-US")} appointments from ${ev.splitAt.slice(0, 10)} on (test no-show rate ${pct(ev.testNoShowRate).trim()}); train + evaluate + refit ${(trainMs / 1000).toFixed(1)} s`);

  const splitAt = new Date(ev.splitAt);
  const test = outcomes.filter((a) => a.startTime >= splitAt).sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  const truth = metrics(test.map((a) => a.trueProbability), test.map((a) => (a.status === "noshow" ? 1 : 0)));
  table([
    ["Sidecar model", ev.model],
    ["baseline: prior no-show rate only", ev.baseline],
    ["true probabilities (ceiling)", truth],
  ]);

  // Scoring throughput: SCORE_ROWS upcoming appointments drawn from the history's contacts.
  const pool = history.filter((a) => a.contactId);
  const upcoming = Array.from({ length: SCORE_ROWS }, (_, i) => {
    const a = pool[(i * 7919) % pool.length]!;
    const startTime = new Date(now.getTime() + (1 + (i % 14)) * 86_400_000 + (i % 20) * 1_800_000);
    return { ...a, id: `up-${i}`, status: i % 2 ? "confirmed" : "new", startTime, bookedAt: new Date(startTime.getTime() - (i % 40) * 86_400_000) };
  });
  t = performance.now();
  const scored = scoreUpcoming(trained.params, history, upcoming, zoneOf, now);
  const scoreMs = performance.now() - t;
  console.log(`\nscored ${scored.length.toLocaleString("en-US")} appointments (features, probability, reasons) in ${scoreMs.toFixed(0)} ms: ${Math.round(scored.length / (scoreMs / 1000)).toLocaleString("en-US")} a second`);
}

main();
