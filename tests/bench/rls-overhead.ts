/**
 * npm run bench:rls — the cost of tenant isolation, per query and per page render, in one run.
 *
 * Per query: the same indexed read through the raw client, and through the org-scoped client
 * outside a unit of work (a transaction of its own that switches to the app role and sets
 * app.org_id, with row-level security filtering).
 *
 * Per page render (the contacts list, a contact page, the dashboard, as their pages load them):
 *   raw        the same organization and clinic filters, no transaction, no role, no RLS;
 *   per query  org-scoped, each query in its own tenant transaction (how pages ran before);
 *   one tx     org-scoped, one unit of work per render with one transaction: every read in one
 *              read-only tenant transaction, committed at the end of the render (timed too);
 *   unit       the same unit as forMember makes it: reads that arrive together spread over a few
 *              such transactions (unitOfWorkLanes() for this pool), committed at the end.
 * Target: the unit's overhead over raw ≤ 15% per page render.
 */
import { measure as measureTiming, type Timing } from "./support/measure";
import { pageRenders } from "./support/page-renders";
import { seedPagesDataset } from "./support/pages-dataset";
import { createTestDatabase } from "../support/test-database";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2_000);
const WARMUP = 200;
const RENDER_ITERATIONS = Number(process.env.BENCH_RENDER_ITERATIONS ?? 200);
const RENDER_WARMUP = 20;
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 20_000);
const APPOINTMENTS_PER_DAY = Number(process.env.BENCH_APPOINTMENTS_PER_DAY ?? 10);
const TARGET_OVERHEAD = 0.15;

const measure = (label: string, fn: () => Promise<unknown>) => measureTiming(label, fn, { iterations: ITERATIONS, warmup: WARMUP });

async function main() {
  const database = await createTestDatabase("bench");
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_MAX = String(database.poolMax);
  process.env.LOG_LEVEL = "error";
  try {
    const { applyMigrations } = await import("@/lib/db/migrations");
    const { PrismaClient } = await import("@/lib/generated/prisma/client");
    const { createAdapter, unitOfWorkLanes } = await import("@/lib/db/connection");
    const { createOrgClient, createFilterOnlyClient } = await import("@/lib/db/org-client");
    await applyMigrations(database.url);
    // Tenant transactions turn JIT off (lib/db/org-client.ts); the raw baseline gets the same, so
    // the figures compare isolation alone.
    if (database.kind === "postgres") {
      const setup = new PrismaClient({ adapter: createAdapter(database.url) });
      await setup.$executeRawUnsafe(`ALTER DATABASE "${new URL(database.url).pathname.slice(1)}" SET jit = off`);
      await setup.$disconnect();
    }
    const prisma = new PrismaClient({ adapter: createAdapter(database.url) });
    const { org } = await seedPagesDataset(prisma, { contacts: CONTACTS, appointmentsPerClinicPerDay: APPOINTMENTS_PER_DAY });
    const scoped = createOrgClient(prisma, org.id, "all");
    const ids = (await prisma.contact.findMany({ where: { organizationId: org.id }, select: { id: true }, take: 500 })).map((c) => c.id);
    let n = 0;
    const nextId = () => ids[n++ % ids.length]!;

    // Per query.
    const plain = await measure("raw client, findFirst by id + organizationId", () => prisma.contact.findFirst({ where: { id: nextId(), organizationId: org.id } }));
    const rls = await measure("org-scoped client (transaction + role + app.org_id + RLS)", () => scoped.contact.findFirst({ where: { id: nextId() } }));
    const listPlain = await measure("raw client, 50-row page", () =>
      prisma.contact.findMany({ where: { organizationId: org.id }, orderBy: { lastName: "asc" }, take: 50 }),
    );
    const listRls = await measure("org-scoped client, 50-row page", () => scoped.contact.findMany({ orderBy: { lastName: "asc" }, take: 50 }));

    // Per page render.
    const renders = await pageRenders();
    const busiest = await prisma.appointment.groupBy({ by: ["contactId"], where: { organizationId: org.id }, _count: true, orderBy: { _count: { contactId: "desc" } }, take: 1 });
    const contactId = busiest[0]!.contactId!;
    const handles = {
      raw: () => createFilterOnlyClient(prisma, org.id, "all"),
      "per query": () => createOrgClient(prisma, org.id, "all"),
      "one tx": () => createOrgClient(prisma, org.id, "all", { unitOfWork: { lanes: 1 } }),
      unit: () => createOrgClient(prisma, org.id, "all", { unitOfWork: { lanes: unitOfWorkLanes() } }),
    } as const;
    const pages: Array<[string, (ctx: { clinicIds: null; db: ReturnType<typeof createOrgClient> }) => Promise<unknown>]> = [
      ["contacts list", (ctx) => renders.contactsList(ctx)],
      ["contact page", (ctx) => renders.contactPage(ctx, contactId)],
      ["dashboard", (ctx) => renders.dashboard(ctx)],
    ];
    const perPage: Array<{ page: string; timings: Record<keyof typeof handles, Timing> }> = [];
    for (const [page, render] of pages) {
      const timings = {} as Record<keyof typeof handles, Timing>;
      // Interleaved rounds, so a burst of load on the machine lands on every variant alike.
      const rounds = 4;
      const samples: Record<string, Timing[]> = {};
      for (let round = 0; round < rounds; round++) {
        for (const [variant, handle] of Object.entries(handles)) {
          const timing = await measureTiming(
            `${page}, ${variant}`,
            async () => {
              // A new handle per render, as each request gets; its unit ends with the render.
              const ctx = { clinicIds: null, db: handle() };
              await render(ctx);
              await ctx.db.close();
            },
            { iterations: Math.ceil(RENDER_ITERATIONS / rounds), warmup: round === 0 ? RENDER_WARMUP : 2 },
          );
          (samples[variant] ??= []).push(timing);
        }
      }
      for (const variant of Object.keys(handles) as Array<keyof typeof handles>) {
        const runs = samples[variant]!;
        const avg = (pick: (t: Timing) => number) => runs.reduce((s, t) => s + pick(t), 0) / runs.length;
        timings[variant] = { label: `${page}, ${variant}`, mean: avg((t) => t.mean), p50: avg((t) => t.p50), p95: avg((t) => t.p95) };
      }
      perPage.push({ page, timings });
    }

    console.log(`database: ${database.kind}; ${CONTACTS.toLocaleString("en-US")} contacts (as many in another agency); times in ms`);
    console.log(`\nper query: ${ITERATIONS} iterations after ${WARMUP} warm-up`);
    console.log("query".padEnd(62), "mean".padStart(8), "p50".padStart(8), "p95".padStart(8));
    for (const r of [plain, rls, listPlain, listRls]) {
      console.log(r.label.padEnd(62), r.mean.toFixed(3).padStart(8), r.p50.toFixed(3).padStart(8), r.p95.toFixed(3).padStart(8));
    }
    const overhead = (a: Timing, b: Timing) => `+${(b.mean - a.mean).toFixed(3)} ms per query (${(b.mean / a.mean).toFixed(2)}× the raw query)`;
    console.log(`RLS overhead, single-row read: ${overhead(plain, rls)}`);
    console.log(`RLS overhead, 50-row page:     ${overhead(listPlain, listRls)}`);

    console.log(`\nper page render: ${RENDER_ITERATIONS} renders per variant (4 interleaved rounds); mean ms, overhead over raw (target unit ≤ ${TARGET_OVERHEAD * 100}%)`);
    console.log(`unit: up to ${unitOfWorkLanes()} transactions per render on a pool of ${database.poolMax}`);
    console.log("page".padEnd(16), "raw".padStart(9), "per query".padStart(11), "overhead".padStart(9), "one tx".padStart(9), "overhead".padStart(9), "unit".padStart(9), "overhead".padStart(9), "  target");
    const pct = (a: Timing, b: Timing) => `${((b.mean / a.mean - 1) * 100).toFixed(1)}%`;
    for (const { page, timings: t } of perPage) {
      console.log(
        page.padEnd(16),
        t.raw.mean.toFixed(2).padStart(9),
        t["per query"].mean.toFixed(2).padStart(11),
        pct(t.raw, t["per query"]).padStart(9),
        t["one tx"].mean.toFixed(2).padStart(9),
        pct(t.raw, t["one tx"]).padStart(9),
        t.unit.mean.toFixed(2).padStart(9),
        pct(t.raw, t.unit).padStart(9),
        t.unit.mean / t.raw.mean - 1 <= TARGET_OVERHEAD ? "  met" : "  MISSED",
      );
    }
    await prisma.$disconnect();
  } finally {
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
