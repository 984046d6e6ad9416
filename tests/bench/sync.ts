/**
 * npm run bench:sync — the GHL contact sync at volume, on one fresh database:
 *  1. the page upsert Sidecar uses (one INSERT … ON CONFLICT per page) against the per-row
 *     upsert of the founding sketch (one round trip per contact inside a transaction), both
 *     through the org-scoped client, inserting and then updating the same contacts;
 *  2. a full sync of a sandbox location holding BENCH_CONTACTS contacts over real HTTP with
 *     GHL's rate limit, beside the bound that limit sets (requests ÷ 10 per second);
 *  3. peak memory of this process during the sync (the sandbox's data lives here too, so the
 *     figure before the sync is printed as the baseline).
 * Beside the page upsert's rate, the in-database rate: the same statement over the same rows
 * (into a third clinic, in the same passes) as Postgres itself reports running it (EXPLAIN
 * ANALYZE's planning + execution time, under the same tenant settings), and Sidecar's rate as a
 * share of it (target ≥ 0.5): what the round trips, the driver and the JSON cost on top.
 */
import { generateKeyPairSync } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../support/test-database";

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 50_000);
/** The per-row path is slow by design: measure it on a sample and compare rates. */
const PER_ROW_CONTACTS = Math.min(CONTACTS, Number(process.env.BENCH_PER_ROW_CONTACTS ?? 10_000));
const RATE_LIMIT_PER_SECOND = 10;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rate = (rows: number, ms: number) => Math.round((rows * 1000) / ms);

function memorySampler() {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 25);
  return {
    stop() {
      clearInterval(timer);
      return { peakRss, peakHeap };
    },
  };
}

async function main() {
  const database = await createTestDatabase("bench_sync");
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const { startGhlSandbox } = await import("../sandboxes/ghl");
  const sandbox = await startGhlSandbox({
    webhookSigningKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    log: () => undefined,
  });
  // Before any application module reads lib/env.
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: String(database.poolMax),
    GHL_API_BASE_URL: sandbox.url,
    GHL_AUTHORIZE_URL: `${sandbox.url}/v2/oauth/chooselocation`,
    GHL_CLIENT_ID: sandbox.clientId,
    GHL_CLIENT_SECRET: sandbox.clientSecret,
    GHL_WEBHOOK_PUBLIC_KEYS: publicKey.export({ type: "spki", format: "pem" }).toString(),
    LOG_LEVEL: "error",
  });
  try {
    const { applyMigrations } = await import("@/lib/db/migrations");
    await applyMigrations(database.url);
    const { prisma } = await import("@/lib/db/client");
    const { forOrg } = await import("@/lib/db");
    const { ZContact } = await import("@/lib/ghl/schemas");
    const { upsertContactPage, contactPageStatement } = await import("@/lib/ghl/sync/upsert");
    const { Prisma } = await import("@/lib/generated/prisma/client");
    const { syncLocation, CONTACT_PAGE_SIZE } = await import("@/lib/ghl/sync/sync-location");
    const { connectAgency, seedClinic } = await import("../support/ghl");
    const { contactView } = await import("../sandboxes/ghl/views");

    const org = await prisma.organization.create({ data: { name: "Bench agency", slug: "bench-sync", type: "agency" } });
    const seedStart = performance.now();
    const { seeded, clinic } = await seedClinic(sandbox, org.id, { contacts: CONTACTS, appointments: 300 });
    console.log(`sandbox: ${CONTACTS.toLocaleString("en-US")} contacts seeded in ${(performance.now() - seedStart).toFixed(0)} ms`);
    await connectAgency(sandbox, org.id);
    const db = forOrg(org.id);

    // 1. Upsert strategies, each into its own empty clinic, on the same contacts.
    const contacts = seeded.contactIds.slice(0, PER_ROW_CONTACTS).map((id) => ZContact.parse(contactView(sandbox.store.getContact(id)!)));
    const touched = contacts.map((c) => ({ ...c, firstName: `${c.firstName ?? ""}·`, dateUpdated: new Date(Date.now() + 60_000) }));
    const pages = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / CONTACT_PAGE_SIZE) }, (_, i) => rows.slice(i * CONTACT_PAGE_SIZE, (i + 1) * CONTACT_PAGE_SIZE));
    const clinicFor = async (name: string) => {
      const location = await prisma.location.create({ data: { organizationId: org.id, ghlLocationId: `bench-${name}`, name, timezone: "UTC" } });
      return { organizationId: org.id, locationId: location.id };
    };

    const pageClinic = await clinicFor("page");
    const inDbClinic = await clinicFor("in-database");
    // Postgres' own time for the same statement: planning + execution, as EXPLAIN ANALYZE reports it.
    const inDatabaseMs = async (rows: typeof contacts) => {
      let ms = 0;
      for (const page of pages(rows)) {
        const statement = contactPageStatement(inDbClinic, page, { source: "read" })!;
        const [plan] = await db.transaction((tx) => tx.$queryRaw<Array<{ "QUERY PLAN": Array<{ "Planning Time": number; "Execution Time": number }> }>>(
          Prisma.sql`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${statement}`,
        ));
        const [summary] = plan!["QUERY PLAN"];
        ms += summary!["Planning Time"] + summary!["Execution Time"];
      }
      return ms;
    };
    const rowClinic = await clinicFor("row");
    const timePass = async (write: (page: typeof contacts) => Promise<unknown>, rows: typeof contacts) => {
      const start = performance.now();
      for (const page of pages(rows)) await write(page);
      return performance.now() - start;
    };
    const pageUpsert = (page: typeof contacts) => db.transaction((tx) => upsertContactPage(tx, pageClinic, page, { source: "read" }));
    // The founding sketch: one upsert per contact, awaited in turn, inside one transaction per page.
    const rowUpsert = (page: typeof contacts) =>
      db.transaction(async (tx) => {
        for (const c of page) {
          const data = {
            firstName: c.firstName ?? null,
            lastName: c.lastName ?? null,
            email: c.email ?? null,
            phone: c.phone ?? null,
            tags: c.tags,
            customFields: c.customFields as object[],
            source: c.source ?? null,
            ghlUpdatedAt: c.dateUpdated ?? new Date(),
          };
          await tx.contact.upsert({
            where: { locationId_ghlContactId: { locationId: rowClinic.locationId, ghlContactId: c.id } },
            update: data,
            create: { ...data, organizationId: org.id, locationId: rowClinic.locationId, ghlContactId: c.id, dateAdded: c.dateAdded ?? new Date() },
          });
        }
      }, { timeout: 120_000 });

    const results = [];
    for (const [label, rows] of [["insert", contacts], ["update", touched], ["unchanged", touched]] as const) {
      const pageMs = await timePass(pageUpsert, rows);
      const dbMs = await inDatabaseMs(rows);
      // The founding sketch only on the first two passes: it rewrites every row whatever changed.
      const rowMs = label === "unchanged" ? null : await timePass(rowUpsert, rows);
      results.push({ label, pageRate: rate(rows.length, pageMs), dbRate: rate(rows.length, dbMs), rowRate: rowMs === null ? null : rate(rows.length, rowMs) });
    }
    console.log(`\nupsert of ${PER_ROW_CONTACTS.toLocaleString("en-US")} contacts in pages of ${CONTACT_PAGE_SIZE} (rows per second; "unchanged" repeats the update)`);
    console.log("pass       page upsert   in-database   page ÷ in-database   per-row upsert   speed-up");
    for (const r of results) {
      console.log(
        `${r.label.padEnd(10)} ${String(r.pageRate).padStart(11)}   ${String(r.dbRate).padStart(11)}   ${(r.pageRate / r.dbRate).toFixed(2).padStart(18)}   ${String(r.rowRate ?? "—").padStart(14)}   ${r.rowRate ? `${(r.pageRate / r.rowRate).toFixed(1)}×` : "—"}`,
      );
    }
    console.log("target: page ÷ in-database ≥ 0.50");

    // 2 and 3. A full sync over HTTP.
    sandbox.requests.clear();
    const before = process.memoryUsage();
    const sampler = memorySampler();
    const outcome = await syncLocation(clinic, { budgetMs: 600_000 });
    const { peakRss, peakHeap } = sampler.stop();
    const stored = await db.contact.count({ where: { locationId: clinic.locationId, deletedAt: null } });
    const boundMs = (outcome.requests / RATE_LIMIT_PER_SECOND) * 1000;
    console.log(`\nfull sync of ${CONTACTS.toLocaleString("en-US")} contacts over HTTP: status ${outcome.status}, ${stored.toLocaleString("en-US")} contacts stored`);
    console.log(`requests to GHL        ${outcome.requests}`);
    console.log(`GHL answers            ${JSON.stringify(sandbox.requests.countByStatus())}`);
    console.log(`sync time              ${(outcome.durationMs / 1000).toFixed(1)} s`);
    console.log(`rate-limit bound       ${(boundMs / 1000).toFixed(1)} s  (${outcome.requests} requests ÷ ${RATE_LIMIT_PER_SECOND}/s)`);
    console.log(`sync time ÷ bound      ${(outcome.durationMs / boundMs).toFixed(2)}`);
    console.log(`memory before sync     rss ${mb(before.rss)}, heap ${mb(before.heapUsed)}`);
    console.log(`peak memory in sync    rss ${mb(peakRss)} (+${mb(peakRss - before.rss)}), heap ${mb(peakHeap)} (+${mb(Math.max(0, peakHeap - before.heapUsed))})`);
    if (stored !== CONTACTS) throw new Error(`sync stored ${stored} contacts, expected ${CONTACTS}`);
    await prisma.$disconnect();
  } finally {
    await sandbox.stop();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
