/**
 * npm run bench:pages — the server-side data work behind the pages people use all day, on one
 * agency with BENCH_CONTACTS contacts (default 100k) and a year of appointments: the contacts
 * list, a search, a contact page and the dashboard, each through the org-scoped client as the
 * pages call them. Prints p50/p95 per page and the query plans of their main statements, run
 * under the app role with row-level security, to show which indexes serve them.
 */
import { createTestDatabase } from "../support/test-database";
import { measure, type Timing } from "./support/measure";
import { seedPagesDataset } from "./support/pages-dataset";

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const APPOINTMENTS_PER_CLINIC_PER_DAY = Number(process.env.BENCH_APPOINTMENTS_PER_DAY ?? 40);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = 20;
const GOAL_P95_MS = 150;


async function main() {
  const database = await createTestDatabase("bench_pages");
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_MAX = String(database.poolMax);
  process.env.LOG_LEVEL = "error";
  try {
    const { applyMigrations } = await import("@/lib/db/migrations");
    await applyMigrations(database.url);
    const { prisma } = await import("@/lib/db/client");
    const { forOrg } = await import("@/lib/db");
    const { APP_DB_ROLE } = await import("@/lib/db/tenant-models");
    const { listContacts, ZContactFilter } = await import("@/lib/contacts/list");
    const { getContactDetail } = await import("@/lib/contacts/detail");
    const { getClinicMetrics, getDailyOutcomes } = await import("@/lib/dashboard/metrics");

    const { org, clinics } = await seedPagesDataset(prisma, { contacts: CONTACTS, appointmentsPerClinicPerDay: APPOINTMENTS_PER_CLINIC_PER_DAY });
    const ctx = { clinicIds: null, db: forOrg(org.id) };
    const filter = (input: Record<string, string>) => ZContactFilter.parse(input);
    const busiest = await prisma.appointment.groupBy({ by: ["contactId"], where: { organizationId: org.id }, _count: true, orderBy: { _count: { contactId: "desc" } }, take: 1 });
    const contactId = busiest[0]!.contactId!;
    const pages: Array<[string, () => Promise<unknown>]> = [
      ["contacts list (newest first, page 1)", () => listContacts(ctx, filter({}))],
      ["contacts list (by name, page 40)", () => listContacts(ctx, filter({ sort: "name", page: "40" }))],
      ["search \"gra\"", () => listContacts(ctx, filter({ q: "gra" }))],
      ["search \"maya lopez\"", () => listContacts(ctx, filter({ q: "maya lopez" }))],
      ["search phone \"555 0123\"", () => listContacts(ctx, filter({ q: "555 0123" }))],
      ["search with tag filter", () => listContacts(ctx, filter({ q: "ellis", tag: "vip" }))],
      ["contact page", () => getContactDetail(ctx, contactId)],
      ["dashboard (all clinics)", () => Promise.all([getClinicMetrics(ctx), getDailyOutcomes(ctx)])],
    ];
    const timings: Timing[] = [];
    for (const [label, fn] of pages) timings.push(await measure(label, fn, { iterations: ITERATIONS, warmup: WARMUP }));

    console.log(`\n${ITERATIONS} runs each after ${WARMUP} warm-up, one after another; server-side data time in ms (goal p95 ≤ ${GOAL_P95_MS})`);
    console.log("page".padEnd(40), "p50".padStart(8), "p95".padStart(8), "  goal");
    for (const t of timings) console.log(t.label.padEnd(40), t.p50.toFixed(1).padStart(8), t.p95.toFixed(1).padStart(8), t.p95 <= GOAL_P95_MS ? "  met" : "  MISSED");

    // The plans, as the app role sees them under row-level security.
    const plans: Array<[string, string]> = [
      ["contacts list", `SELECT id FROM "Contact" WHERE "organizationId" = '${org.id}' AND "deletedAt" IS NULL ORDER BY "dateAdded" DESC, id DESC LIMIT 50`],
      ["contacts by name", `SELECT id FROM "Contact" WHERE "organizationId" = '${org.id}' AND "deletedAt" IS NULL ORDER BY "lastName", "firstName", id LIMIT 50 OFFSET 1950`],
      ["broad search, matched row by row", `SELECT id FROM "Contact" WHERE "organizationId" = '${org.id}' AND "deletedAt" IS NULL AND ("firstName" ILIKE '%gra%' OR "lastName" ILIKE '%gra%' OR "email" ILIKE '%gra%') ORDER BY "dateAdded" DESC, id DESC LIMIT 51`],
      [
        "search candidates, inside search_contact_ids (runs as the table owner)",
        `SELECT c.id FROM "Contact" c WHERE c."organizationId" = '${org.id}' AND c."deletedAt" IS NULL AND (c."firstName" ILIKE '%maya%' OR c."lastName" ILIKE '%maya%' OR c."email" ILIKE '%maya%') AND (c."firstName" ILIKE '%lopez%' OR c."lastName" ILIKE '%lopez%' OR c."email" ILIKE '%lopez%') LIMIT 2001`,
      ],
      ["tag filter", `SELECT count(*) FROM "Contact" WHERE "organizationId" = '${org.id}' AND "deletedAt" IS NULL AND "tags" @> ARRAY['vip'] AND ("lastName" ILIKE '%ellis%')`],
      ["contact history", `SELECT id FROM "Appointment" WHERE "organizationId" = '${org.id}' AND "contactId" = '${contactId}' AND "deletedAt" IS NULL ORDER BY "startTime" DESC LIMIT 100`],
      ["dashboard, one clinic's appointments", `SELECT count(*) FROM "Appointment" WHERE "locationId" = '${clinics[0]!.id}' AND "deletedAt" IS NULL AND "startTime" >= now() - interval '30 days' AND "startTime" < now() + interval '7 days'`],
    ];
    console.log("\nquery plans (EXPLAIN ANALYZE under the app role and row-level security, unless marked):");
    for (const [label, sql] of plans) {
      const asOwner = label.includes("table owner");
      const rows = await prisma.$transaction(async (tx) => {
        if (!asOwner) await tx.$executeRawUnsafe(`SELECT set_config('role', '${APP_DB_ROLE}', true), set_config('app.org_id', '${org.id}', true)`);
        return tx.$queryRawUnsafe<Array<{ "QUERY PLAN": string }>>(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`);
      });
      console.log(`\n-- ${label}`);
      for (const row of rows) console.log(`   ${row["QUERY PLAN"]}`);
    }
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
