/**
 * npm run bench:recall — how long a lot recall takes in a busy agency: 3 clinics, 600 items,
 * 3,000 lots and 500,000 usage rows; the recalled lot is held by all three clinics. Prints the
 * time of findLotRecall through the org-scoped client and the plan of its usage query.
 */
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../support/test-database";
import { measure } from "./support/measure";

const USAGES = Number(process.env.BENCH_USAGES ?? 500_000);
const RUNS = 50;

async function main() {
  const database = await createTestDatabase("bench");
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_MAX = String(database.poolMax);
  try {
    const { applyMigrations } = await import("@/lib/db/migrations");
    const { PrismaClient } = await import("@/lib/generated/prisma/client");
    const { createAdapter } = await import("@/lib/db/connection");
    const { createOrgClient } = await import("@/lib/db/org-client");
    const { findLotRecall } = await import("@/lib/inventory/recall");
    await applyMigrations(database.url);
    const prisma = new PrismaClient({ adapter: createAdapter(database.url) });
    const org = await prisma.organization.create({ data: { name: "Bench", slug: "bench-recall", type: "agency" } });
    const seeded = performance.now();
    // Set-based seed: clinics × items × lots, then usage rows spread over every lot.
    await prisma.$executeRawUnsafe(`
      INSERT INTO "Location" ("id", "organizationId", "ghlLocationId", "name", "timezone", "updatedAt")
      SELECT 'loc' || c, '${org.id}', 'ghl-bench-' || c, 'Clinic ' || c, 'UTC', now() FROM generate_series(1, 3) c`);
    await prisma.$executeRawUnsafe(`
      INSERT INTO "InventoryItem" ("id", "organizationId", "locationId", "sku", "name", "category", "unit", "onHand", "updatedAt")
      SELECT 'item' || c || '-' || i, '${org.id}', 'loc' || c, 'SKU' || i, 'Item ' || i, 'Cat', 'each', 1000, now()
      FROM generate_series(1, 3) c, generate_series(1, 200) i`);
    await prisma.$executeRawUnsafe(`
      INSERT INTO "InventoryLot" ("id", "organizationId", "itemId", "lotNumber", "onHand")
      SELECT 'lot' || c || '-' || i || '-' || l, '${org.id}', 'item' || c || '-' || i, 'L' || i || '-' || l, 200
      FROM generate_series(1, 3) c, generate_series(1, 200) i, generate_series(1, 5) l`);
    await prisma.$executeRawUnsafe(`
      INSERT INTO "InventoryTransaction" ("id", "organizationId", "locationId", "itemId", "lotId", "kind", "quantity", "onHandAfter", "createdAt")
      SELECT 'tx' || n, '${org.id}', 'loc' || c, 'item' || c || '-' || i, 'lot' || c || '-' || i || '-' || l, 'usage', -1, 0,
             now() - (n || ' seconds')::interval
      FROM (SELECT n, 1 + n % 3 AS c, 1 + (n / 3) % 200 AS i, 1 + (n / 600) % 5 AS l FROM generate_series(1, ${USAGES}) n) s`);
    await prisma.$executeRawUnsafe(`ANALYZE`);
    console.log(`seeded ${USAGES.toLocaleString("en-US")} usages in ${Math.round(performance.now() - seeded)} ms`);

    const db = createOrgClient(prisma, org.id, "all");
    const first = await findLotRecall(db, null, "L7-3");
    const timing = await measure("findLotRecall", () => findLotRecall(db, null, "L7-3"), { iterations: RUNS, warmup: 0 });
    console.log(`lot L7-3: ${first.lots.length} clinics, ${first.usages.length} usages returned`);
    console.log(`findLotRecall over ${RUNS} runs: p50 ${timing.p50.toFixed(1)} ms, p95 ${timing.p95.toFixed(1)} ms`);
    const plan = await prisma.$queryRawUnsafe<Array<{ "QUERY PLAN": string }>>(
      `EXPLAIN SELECT * FROM "InventoryTransaction" WHERE "lotId" = ANY(ARRAY['lot1-7-3','lot2-7-3','lot3-7-3']) AND "kind" = 'usage' ORDER BY "createdAt" DESC LIMIT 1000`,
    );
    console.log(plan.map((row) => row["QUERY PLAN"]).join("\n"));
    await prisma.$disconnect();
  } finally {
    await database.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
