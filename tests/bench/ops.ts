/**
 * npm run bench:ops — the "needs a human today" detectors on one agency at the size they are
 * built for (50 clinics × 2,000 appointments a month × 200 items, see support/ops-fixture.ts):
 * the full run as the sync cron calls it (detectors, then the reconcile in one transaction),
 * first when it files every finding and then in the steady state, and each detector alone.
 * Prints the figures; the goal is a full run within 2 s.
 */
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../support/test-database";
import { measure } from "./support/measure";
import { OPS_APPOINTMENTS_PER_MONTH, OPS_CLINICS, OPS_ITEMS, seedOpsAgency } from "./support/ops-fixture";

const RUNS = Number(process.env.BENCH_ITERATIONS ?? 10);
const GOAL_MS = 2_000;

async function main() {
  const database = await createTestDatabase("bench_ops");
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_MAX = String(database.poolMax);
  process.env.LOG_LEVEL = "error";
  try {
    const { applyMigrations } = await import("@/lib/db/migrations");
    await applyMigrations(database.url);
    const { prisma } = await import("@/lib/db/client");
    const { forOrg } = await import("@/lib/db");
    const { DETECTORS } = await import("@/lib/ops/detectors");
    const { runDetectorsForOrg } = await import("@/lib/ops/runner");

    const seedStart = Date.now();
    const seeded = await seedOpsAgency(prisma);
    console.log(
      `seeded ${OPS_CLINICS} clinics × ${OPS_APPOINTMENTS_PER_MONTH.toLocaleString("en-US")} appointments a month × ${OPS_ITEMS} items: ` +
        `${seeded.appointments.toLocaleString("en-US")} appointments, ${seeded.items.toLocaleString("en-US")} items, ${seeded.usage.toLocaleString("en-US")} usage rows in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
    );

    const first = performance.now();
    const filed = await runDetectorsForOrg(seeded.organization);
    const firstMs = performance.now() - first;
    console.log(`\nfirst run (files every finding): ${firstMs.toFixed(0)} ms (detectors ${filed.detectMs} ms, storing ${filed.storeMs} ms), ${filed.detected} findings, ${filed.opened} opened, ${filed.failedDetectors} detectors failed`);

    const phases: Array<{ detectMs: number; storeMs: number }> = [];
    const full = await measure("full run (steady state)", async () => phases.push(await runDetectorsForOrg(seeded.organization)), { iterations: RUNS, warmup: 2 });
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ctx = { organizationId: seeded.organization.id, orgSlug: seeded.organization.slug, db: forOrg(seeded.organization.id), now: new Date() };
    const perDetector = [];
    for (const detector of DETECTORS) {
      let found = 0;
      const t = await measure(detector.kinds.join(", "), async () => (found = (await detector.run(ctx)).length), { iterations: RUNS, warmup: 2 });
      perDetector.push({ ...t, found });
    }

    console.log(`\n${RUNS} runs each after 2 warm-up, one after another; ms (goal: full run ≤ ${GOAL_MS})`);
    console.log("".padEnd(86), "p50".padStart(8), "p95".padStart(8), "found".padStart(7));
    console.log(full.label.padEnd(86), full.p50.toFixed(0).padStart(8), full.p95.toFixed(0).padStart(8), String(filed.detected).padStart(7), full.p95 <= GOAL_MS ? "  met" : "  MISSED");
    console.log(`  of which: detectors (two at a time) p50 ${median(phases.map((p) => p.detectMs))} ms, storing (one transaction) p50 ${median(phases.map((p) => p.storeMs))} ms`);
    for (const t of perDetector) console.log(`  ${t.label}`.slice(0, 86).padEnd(86), t.p50.toFixed(0).padStart(8), t.p95.toFixed(0).padStart(8), String(t.found).padStart(7));
    console.log("(detectors run side by side in a full run, so their times overlap rather than add up)");
    await prisma.$disconnect();
  } finally {
    if (process.env.BENCH_KEEP_DATABASE) console.log(`\nkept ${database.url}`);
    else await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
