/**
 * npm run bench:rls — the cost of tenant isolation per query: the same indexed read through
 * the raw client, and through the org-scoped client (a transaction that switches to the app
 * role and sets app.org_id, with row-level security filtering). Prints both and the overhead.
 */
import { measure as measureTiming } from "./support/measure";
import { createTestDatabase } from "../support/test-database";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2_000);
const WARMUP = 200;

const measure = (label: string, fn: () => Promise<unknown>) => measureTiming(label, fn, { iterations: ITERATIONS, warmup: WARMUP });

async function main() {
  const database = await createTestDatabase("bench");
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_MAX = String(database.poolMax);
  try {
    const { applyMigrations } = await import("@/lib/db/migrations");
    const { PrismaClient } = await import("@/lib/generated/prisma/client");
    const { createAdapter } = await import("@/lib/db/connection");
    const { createOrgClient } = await import("@/lib/db/org-client");
    await applyMigrations(database.url);
    const prisma = new PrismaClient({ adapter: createAdapter(database.url) });
    const orgs = await Promise.all(
      ["a", "b"].map((s) => prisma.organization.create({ data: { name: s, slug: `bench-${s}`, type: "agency" } })),
    );
    for (const org of orgs) {
      const location = await prisma.location.create({
        data: { organizationId: org.id, ghlLocationId: `bench-${org.id}`, name: "Clinic", timezone: "UTC" },
      });
      const now = new Date();
      await prisma.contact.createMany({
        data: Array.from({ length: 5_000 }, (_, i) => ({
          organizationId: org.id,
          locationId: location.id,
          ghlContactId: `c${i}`,
          firstName: `First${i}`,
          lastName: `Last${i % 300}`,
          dateAdded: now,
          ghlUpdatedAt: now,
        })),
      });
    }
    const orgA = orgs[0]!;
    const scoped = createOrgClient(prisma, orgA.id, "all");
    const ids = (await prisma.contact.findMany({ where: { organizationId: orgA.id }, select: { id: true }, take: 500 })).map((c) => c.id);
    let n = 0;
    const nextId = () => ids[n++ % ids.length]!;

    const plain = await measure("raw client, findFirst by id + organizationId", () =>
      prisma.contact.findFirst({ where: { id: nextId(), organizationId: orgA.id } }),
    );
    const rls = await measure("org-scoped client (transaction + role + app.org_id + RLS)", () =>
      scoped.contact.findFirst({ where: { id: nextId() } }),
    );
    const listPlain = await measure("raw client, 50-row page", () =>
      prisma.contact.findMany({ where: { organizationId: orgA.id }, orderBy: { lastName: "asc" }, take: 50 }),
    );
    const listRls = await measure("org-scoped client, 50-row page", () => scoped.contact.findMany({ orderBy: { lastName: "asc" }, take: 50 }));

    console.log(`database: ${database.kind}; ${ITERATIONS} iterations after ${WARMUP} warm-up; times in ms`);
    console.log("query".padEnd(62), "mean".padStart(8), "p50".padStart(8), "p95".padStart(8));
    for (const r of [plain, rls, listPlain, listRls]) {
      console.log(r.label.padEnd(62), r.mean.toFixed(3).padStart(8), r.p50.toFixed(3).padStart(8), r.p95.toFixed(3).padStart(8));
    }
    const overhead = (a: typeof plain, b: typeof plain) =>
      `+${(b.mean - a.mean).toFixed(3)} ms per query (${(b.mean / a.mean).toFixed(2)}× the raw query)`;
    console.log(`RLS overhead, single-row read: ${overhead(plain, rls)}`);
    console.log(`RLS overhead, 50-row page:     ${overhead(listPlain, listRls)}`);
    await prisma.$disconnect();
  } finally {
    await database.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
