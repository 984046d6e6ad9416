/**
 * npm run bench:pages — the server-side data work behind the pages people use all day, on one
 * agency with BENCH_CONTACTS contacts (default 100k) and a year of appointments: the contacts
 * list, a search, a contact page and the dashboard, each through the org-scoped client as the
 * pages call them; and the "needs a human today" queue of a second agency at the queue's size
 * (50 clinics × 2,000 appointments a month × 200 items, its detectors run, 8 weeks of history). Prints p50/p95 per page and the query plans of their main statements, run
 * under the app role with row-level security, to show which indexes serve them.
 *
 * Each render gets its own member handle, as a request does (forMember: one unit of work, its
 * reads in one read-only tenant transaction), and ends it, so the commit is timed too. Goal:
 * every page p95 ≤ 50 ms.
 */
import { createTestDatabase } from "../support/test-database";
import { measure, type Timing } from "./support/measure";
import { seedOpsAgency } from "./support/ops-fixture";
import { seedPagesDataset } from "./support/pages-dataset";

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const APPOINTMENTS_PER_CLINIC_PER_DAY = Number(process.env.BENCH_APPOINTMENTS_PER_DAY ?? 40);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = 20;
const GOAL_P95_MS = 50;


async function main() {
  const database = await createTestDatabase("bench_pages");
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_MAX = String(database.poolMax);
  process.env.LOG_LEVEL = "error";
  try {
    const { applyMigrations } = await import("@/lib/db/migrations");
    await applyMigrations(database.url);
    const { prisma } = await import("@/lib/db/client");
    const { forMember } = await import("@/lib/db");
    const { pageRenders } = await import("./support/page-renders");
    const { APP_DB_ROLE } = await import("@/lib/db/tenant-models");
    const { runDetectorsForOrg } = await import("@/lib/ops/runner");
    const { listQueue, assignableMembers } = await import("@/lib/ops/queue");
    const { weeklyMeasures } = await import("@/lib/ops/measures");
    const { ZQueueFilter } = await import("@/lib/ops/schemas");

    const { org, clinics } = await seedPagesDataset(prisma, { contacts: CONTACTS, appointmentsPerClinicPerDay: APPOINTMENTS_PER_CLINIC_PER_DAY });
    const renders = await pageRenders();
    /** One render: a fresh member handle (a unit of work), the page's data, then the unit's end. */
    const render = (organizationId: string, load: (ctx: { clinicIds: null; db: ReturnType<typeof forMember> }) => Promise<unknown>) => async () => {
      const ctx = { clinicIds: null, db: forMember(organizationId, null) };
      try {
        await load(ctx);
      } finally {
        await ctx.db.close();
      }
    };
    const busiest = await prisma.appointment.groupBy({ by: ["contactId"], where: { organizationId: org.id }, _count: true, orderBy: { _count: { contactId: "desc" } }, take: 1 });
    const contactId = busiest[0]!.contactId!;
    const pages: Array<[string, () => Promise<unknown>]> = [
      ["contacts list (newest first, page 1)", render(org.id, (ctx) => renders.contactsList(ctx))],
      ["contacts list (by name, page 40)", render(org.id, (ctx) => renders.contactsList(ctx, { sort: "name", page: "40" }))],
      ["search \"gra\"", render(org.id, (ctx) => renders.contactsList(ctx, { q: "gra" }))],
      ["search \"maya lopez\"", render(org.id, (ctx) => renders.contactsList(ctx, { q: "maya lopez" }))],
      ["search phone \"555 0123\"", render(org.id, (ctx) => renders.contactsList(ctx, { q: "555 0123" }))],
      ["search with tag filter", render(org.id, (ctx) => renders.contactsList(ctx, { q: "ellis", tag: "vip" }))],
      ["tag filter alone", render(org.id, (ctx) => renders.contactsList(ctx, { tag: "vip" }))],
      ["contact page", render(org.id, (ctx) => renders.contactPage(ctx, contactId))],
      ["dashboard (all clinics)", render(org.id, (ctx) => renders.dashboard(ctx))],
    ];
    const timings: Timing[] = [];
    for (const [label, fn] of pages) timings.push(await measure(label, fn, { iterations: ITERATIONS, warmup: WARMUP }));

    // The queue at its size: an agency of 50 clinics, detectors run twice, 8 weeks of resolved history.
    const queueSeedStart = Date.now();
    const ops = await seedOpsAgency(prisma, "bench-queue");
    const owner = await prisma.user.create({ data: { name: "Queue owner", email: "queue.owner@example.com", emailVerified: true } });
    await prisma.member.create({ data: { organizationId: ops.organization.id, userId: owner.id, role: "agency_owner" } });
    await runDetectorsForOrg(ops.organization);
    await runDetectorsForOrg(ops.organization);
    await prisma.$executeRawUnsafe(`
      INSERT INTO "FindingEvent" ("id", "organizationId", "findingId", "locationId", "type", "note", "episodeOpenedAt", "createdAt")
      SELECT 'hist-' || f."id" || '-' || w || '-' || t.type, f."organizationId", f."id", f."locationId", t.type, CASE WHEN t.type = 'resolved' THEN 'Handled by the front desk' END,
             CASE WHEN t.type = 'resolved' THEN now() - w * interval '7 days' END, now() - w * interval '7 days' + CASE WHEN t.type = 'resolved' THEN interval '5 hours' ELSE interval '0' END
      FROM "Finding" f, generate_series(1, 7) AS w, (VALUES ('opened'), ('resolved')) AS t(type)
      WHERE f."organizationId" = '${ops.organization.id}' AND hashtext(f."id") % 3 = 0`);
    await prisma.$executeRawUnsafe(`
      UPDATE "Finding" SET "status" = 'resolved', "resolvedAt" = now() - interval '1 day', "resolutionNote" = 'Handled by the front desk', "resolvedByUserId" = '${owner.id}'
      WHERE "organizationId" = '${ops.organization.id}' AND hashtext("id") % 5 = 0`);
    await prisma.$executeRawUnsafe(`VACUUM ANALYZE`);
    const [findings, events] = await Promise.all([prisma.finding.count({ where: { organizationId: ops.organization.id } }), prisma.findingEvent.count({ where: { organizationId: ops.organization.id } })]);
    console.log(`queue agency: ${ops.appointments.toLocaleString("en-US")} appointments, ${ops.items.toLocaleString("en-US")} items, ${findings.toLocaleString("en-US")} findings, ${events.toLocaleString("en-US")} history events, seeded in ${((Date.now() - queueSeedStart) / 1000).toFixed(1)} s`);
    // What the queue page loads (app/agency/[slug]/admin/(queue)/page.tsx), side by side as it does.
    const queuePage = (input: Record<string, string>) => async () => {
      const now = new Date();
      const queueCtx = { clinicIds: null, db: forMember(ops.organization.id, null), user: { id: owner.id } };
      try {
        await Promise.all([
          queueCtx.db.location.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
          listQueue(queueCtx, ZQueueFilter.parse(input), now),
          assignableMembers(queueCtx),
          weeklyMeasures(queueCtx.db, now),
        ]);
      } finally {
        await queueCtx.db.close();
      }
    };
    const queueTimings: Timing[] = [];
    for (const [label, input] of [
      ["queue page (open, all clinics)", {}],
      ["queue page (one clinic, supplies)", { clinic: "bench-queue-loc-3", kind: "inventory" }],
      ["queue page (grouped by clinic, page 5)", { group: "clinic", page: "5" }],
      ["queue page (history search)", { view: "history", q: "front desk" }],
    ] as const) {
      queueTimings.push(await measure(label, queuePage(input), { iterations: ITERATIONS, warmup: WARMUP }));
    }

    console.log(`\n${ITERATIONS} runs each after ${WARMUP} warm-up, one after another; server-side data time in ms (goal p95 ≤ ${GOAL_P95_MS})`);
    console.log("page".padEnd(40), "p50".padStart(8), "p95".padStart(8), "  goal");
    for (const t of timings) console.log(t.label.padEnd(40), t.p50.toFixed(1).padStart(8), t.p95.toFixed(1).padStart(8), t.p95 <= GOAL_P95_MS ? "  met" : "  MISSED");
    console.log(`queue, 50 clinics (goal p95 ≤ ${GOAL_P95_MS})`);
    for (const t of queueTimings) console.log(t.label.padEnd(40), t.p50.toFixed(1).padStart(8), t.p95.toFixed(1).padStart(8), t.p95 <= GOAL_P95_MS ? "  met" : "  MISSED");
    const worst = [...timings, ...queueTimings].reduce((a, b) => (b.p95 > a.p95 ? b : a));
    console.log(`worst p95: ${worst.p95.toFixed(1)} ms (${worst.label})`);

    // The plans, as the app role sees them under row-level security.
    const plans: Array<[string, string]> = [
      ["contacts list", `SELECT id FROM "Contact" WHERE "organizationId" = '${org.id}' AND "deletedAt" IS NULL ORDER BY "dateAdded" DESC, id DESC LIMIT 50`],
      ["contacts by name", `SELECT id FROM "Contact" WHERE "organizationId" = '${org.id}' AND "deletedAt" IS NULL ORDER BY "lastName", "firstName", id LIMIT 50 OFFSET 1950`],
      ["broad search, matched row by row", `SELECT id FROM "Contact" WHERE "organizationId" = '${org.id}' AND "deletedAt" IS NULL AND ("firstName" ILIKE '%gra%' OR "lastName" ILIKE '%gra%' OR "email" ILIKE '%gra%') ORDER BY "dateAdded" DESC, id DESC LIMIT 51`],
      [
        "search candidates, inside search_contact_ids (runs as the table owner)",
        `SELECT c.id FROM "Contact" c WHERE c."organizationId" = '${org.id}' AND c."deletedAt" IS NULL AND (c."firstName" ILIKE '%maya%' OR c."lastName" ILIKE '%maya%' OR c."email" ILIKE '%maya%') AND (c."firstName" ILIKE '%lopez%' OR c."lastName" ILIKE '%lopez%' OR c."email" ILIKE '%lopez%') LIMIT 2001`,
      ],
      [
        "search with tag filter, inside search_contact_ids (runs as the table owner)",
        `SELECT c.id FROM "Contact" c WHERE c."organizationId" = '${org.id}' AND c."deletedAt" IS NULL AND (c."firstName" ILIKE '%ellis%' OR c."lastName" ILIKE '%ellis%' OR c."email" ILIKE '%ellis%') AND c."tags" @> ARRAY['vip']::text[] LIMIT 2001`,
      ],
      ["most used tags (the contacts list's tag filter)", `SELECT t.tag FROM "Contact" c, unnest(c."tags") AS t(tag) WHERE c."organizationId" = '${org.id}' AND c."deletedAt" IS NULL GROUP BY t.tag ORDER BY count(*) DESC, t.tag LIMIT 30`],
      ["contact history", `SELECT id FROM "Appointment" WHERE "organizationId" = '${org.id}' AND "contactId" = '${contactId}' AND "deletedAt" IS NULL ORDER BY "startTime" DESC LIMIT 100`],
      [
        "dashboard, each clinic's live contacts and this week's",
        `SELECT l.id, (SELECT count(*) FROM "Contact" c WHERE c."locationId" = l.id AND c."deletedAt" IS NULL), (SELECT count(*) FROM "Contact" c WHERE c."locationId" = l.id AND c."deletedAt" IS NULL AND c."dateAdded" >= now() - interval '7 days') FROM "Location" l WHERE l."organizationId" = '${org.id}'`,
      ],
      ["dashboard, one clinic's appointments", `SELECT count(*) FROM "Appointment" WHERE "locationId" = '${clinics[0]!.id}' AND "deletedAt" IS NULL AND "startTime" >= now() - interval '30 days' AND "startTime" < now() + interval '7 days'`],
      ["queue, open findings page 1", `SELECT id FROM "Finding" WHERE "organizationId" = '${ops.organization.id}' AND ("status" = 'open' OR ("status" = 'snoozed' AND "snoozedUntil" <= now())) ORDER BY "severityRank", "priority" DESC, "openedAt", id LIMIT 50`],
      ["queue, weekly measures", `SELECT date_trunc('week', e."createdAt"), count(*) FROM "FindingEvent" e WHERE e."organizationId" = '${ops.organization.id}' AND e."createdAt" >= now() - interval '56 days' AND e."type" IN ('opened', 'reopened', 'resolved', 'auto_resolved') GROUP BY 1`],
    ];
    console.log("\nquery plans (EXPLAIN ANALYZE under the app role and row-level security, unless marked):");
    for (const [label, sql] of plans) {
      const asOwner = label.includes("table owner");
      const rows = await prisma.$transaction(async (tx) => {
        const planOrg = label.startsWith("queue") ? ops.organization.id : org.id;
        if (!asOwner) await tx.$executeRawUnsafe(`SELECT set_config('role', '${APP_DB_ROLE}', true), set_config('app.org_id', '${planOrg}', true)`);
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
