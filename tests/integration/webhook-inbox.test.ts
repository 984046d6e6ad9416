import { spawn } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { GhlSandbox } from "../sandboxes/ghl";
import { prisma, resetDatabase } from "../support/db";
import { seedOrg } from "../support/factories";
import { resetGhlTransport, seedClinic, startSuiteSandbox } from "../support/ghl";
import { serveRoute } from "../support/serve-route";
import { POST } from "@/app/api/webhooks/ghl/route";
import { GET as drainCron } from "@/app/api/cron/webhook-drain/route";
import { forOrg } from "@/lib/db";
import { env } from "@/lib/env";
import { drainGhlInbox } from "@/lib/ghl/webhook-drain";
import { forgetGhlTenants } from "@/lib/ghl/webhooks";
import { retryDelayMs } from "@/lib/webhooks/inbox";
import { inboxHealth } from "@/lib/webhooks/inbox-health";
import { storeInInbox } from "@/lib/webhooks/inbox-store";

/**
 * The acknowledge-first pipeline end to end: GHL's sandbox delivers signed events to the route,
 * which only stores them; the drain applies them. A trigger on Contact writes one line per row
 * written, so "applied exactly once" is counted, not assumed.
 */

let ghl: GhlSandbox;
let endpoint: Awaited<ReturnType<typeof serveRoute>>;
let clinic: Awaited<ReturnType<typeof seedClinic>>;

beforeAll(async () => {
  endpoint = await serveRoute(POST);
  ghl = await startSuiteSandbox({ webhookTargetUrl: `${endpoint.url}/api/webhooks/ghl` });
  await prisma.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS test_contact_writes ("ghlContactId" text NOT NULL, "firstName" text)`);
  await prisma.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION test_log_contact_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
    BEGIN INSERT INTO test_contact_writes VALUES (NEW."ghlContactId", NEW."firstName"); RETURN NEW; END $$`);
  await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_contact_writes ON "Contact"`);
  await prisma.$executeRawUnsafe(`CREATE TRIGGER test_contact_writes AFTER INSERT OR UPDATE ON "Contact" FOR EACH ROW EXECUTE FUNCTION test_log_contact_write()`);
});
afterAll(async () => {
  await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_contact_writes ON "Contact"`);
  await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS test_log_contact_write()`);
  await prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS test_contact_writes`);
  await ghl.stop();
  await endpoint.close();
});

beforeEach(async () => {
  await resetDatabase();
  resetGhlTransport();
  forgetGhlTenants();
  const org = await seedOrg();
  clinic = await seedClinic(ghl, org.id, { contacts: 20 });
});

/** How many times each contact row was written. */
async function writesPerContact(): Promise<Map<string, number>> {
  const rows = await prisma.$queryRawUnsafe<{ ghlContactId: string; n: number }[]>(
    `SELECT "ghlContactId", count(*)::int AS n FROM test_contact_writes GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.ghlContactId, r.n]));
}

async function acceptCreates(ids: string[]) {
  const { statuses } = await ghl.sendWebhooks(ids.map((id) => ghl.events.contactCreate(id)));
  expect(statuses.flat()).toEqual(ids.map(() => 200));
  expect(await prisma.webhookInbox.count({ where: { status: "pending" } })).toBe(ids.length);
}

const inboxRows = () => prisma.webhookInbox.findMany({ orderBy: { receivedAt: "asc" }, select: { recordId: true, status: true, attempts: true, lastError: true } });

describe("webhook inbox: nothing lost, nothing applied twice", () => {
  it("a drain that fails between its writes and its commit leaves nothing; the next applies each event once", async () => {
    const ids = clinic.seeded.contactIds;
    await acceptCreates(ids);
    await expect(
      drainGhlInbox({
        beforeCommit: () => {
          throw new Error("the process died here");
        },
      }),
    ).resolves.toBeDefined();
    // The failed batch was retried in halves down to single events, and each of those died the same way.
    expect(await prisma.contact.count()).toBe(0);
    expect((await writesPerContact()).size).toBe(0);
    expect(new Set((await inboxRows()).map((r) => r.status))).toEqual(new Set(["pending"]));

    const summary = await drainGhlInbox({ now: () => new Date(Date.now() + 3_600_000) });
    expect(summary.applied).toBe(ids.length);
    const writes = await writesPerContact();
    expect([...writes.keys()].sort()).toEqual([...ids].sort());
    expect([...writes.values()].every((n) => n === 1)).toBe(true);
    expect((await inboxRows()).every((r) => r.status === "done")).toBe(true);
    // Once more: nothing left, nothing written again.
    expect((await drainGhlInbox()).applied).toBe(0);
    expect([...(await writesPerContact()).values()].every((n) => n === 1)).toBe(true);
  });

  it("a drain process killed mid-batch, then a new drain: every accepted event applied exactly once", async () => {
    const ids = clinic.seeded.contactIds;
    await acceptCreates(ids);
    const killed = await killDrainMidBatch();
    expect(killed).toBe(`in-batch ${ids.length}`);
    expect(await prisma.contact.count()).toBe(0);

    // The killed drain's transaction is rolled back when its connection drops; until Postgres
    // has noticed, its clinic lock is still held and a drain finds the clinic busy.
    let applied = 0;
    for (let round = 0; round < 100 && applied < ids.length; round++) {
      applied += (await drainGhlInbox()).applied;
      if (applied < ids.length) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(applied).toBe(ids.length);
    const writes = await writesPerContact();
    expect(writes.size).toBe(ids.length);
    expect([...writes.values()].every((n) => n === 1)).toBe(true);
    // The killed attempt left no trace either: each event counts one attempt.
    expect(await inboxRows()).toEqual(ids.map(() => expect.objectContaining({ status: "done", attempts: 1 })));
  });

  it("concurrent deliveries, the same one twice at once among them, are each stored once", async () => {
    const events = clinic.seeded.contactIds.map((id) => ghl.events.contactCreate(id));
    const statuses = await Promise.all(events.flatMap((event) => [ghl.sendWebhook(event), ghl.sendWebhook(event)]));
    expect(statuses.flat()).toEqual(events.flatMap(() => [200, 200]));
    expect(await prisma.webhookInbox.count()).toBe(events.length);
    expect(new Set((await prisma.webhookInbox.findMany({ select: { deliveryId: true } })).map((r) => r.deliveryId))).toEqual(new Set(events.map((e) => e.webhookId)));
    expect((await drainGhlInbox()).applied).toBe(events.length);
  });

  it("drains running at once apply each event once", async () => {
    const ids = clinic.seeded.contactIds;
    await acceptCreates(ids);
    const summaries = await Promise.all([1, 2, 3].map(() => drainGhlInbox({ batchSize: 3 })));
    // Whatever one drain found busy, another finishes: run once more to pick up any leftovers.
    const rest = await drainGhlInbox();
    expect(summaries.reduce((sum, s) => sum + s.applied, rest.applied)).toBe(ids.length);
    expect([...(await writesPerContact()).values()].every((n) => n === 1)).toBe(true);
  });

  it("keeps each record's events in order across batches", async () => {
    const id = clinic.seeded.contactIds[0]!;
    const events = [];
    for (const name of ["One", "Two", "Three", "Four"]) {
      ghl.store.updateContact(id, { firstName: name });
      events.push(ghl.events.contactUpdate(id));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await ghl.sendWebhooks(events);
    await drainGhlInbox({ batchSize: 1 });
    const names = (await prisma.$queryRawUnsafe<{ firstName: string }[]>(`SELECT "firstName" FROM test_contact_writes`)).map((r) => r.firstName);
    expect(names).toEqual(["One", "Two", "Three", "Four"]);
  });
});

describe("webhook inbox: the acknowledging INSERT", () => {
  it("keeps the order of deliveries that share one INSERT, so one record's events apply oldest first", async () => {
    const db = forOrg(clinic.location.organizationId);
    const id = clinic.seeded.contactIds[0]!;
    const names = Array.from({ length: 20 }, (_, i) => `Name ${String(i).padStart(2, "0")}`);
    const t0 = Date.now() - 60_000;
    // Asked for in one turn of the event loop: one statement stores them all, with one receivedAt.
    const outcomes = await Promise.all(
      names.map((firstName, i) => {
        const event = ghl.events.contactUpdate(id);
        // Each a millisecond after the one before, as GHL stamps them: applied out of order, a later one would hide the earlier.
        const payload = JSON.stringify({ ...event, firstName, webhookId: `same-group-${i}`, timestamp: new Date(t0 + i).toISOString() });
        return storeInInbox(db, { source: "ghl", deliveryId: `same-group-${i}`, type: event.type, locationId: clinic.location.id, recordId: id, payload });
      }),
    );
    expect(outcomes).toEqual(names.map(() => "stored"));
    const rows = await prisma.webhookInbox.findMany({ orderBy: [{ receivedAt: "asc" }, { id: "asc" }], select: { deliveryId: true, receivedAt: true } });
    expect(new Set(rows.map((r) => r.receivedAt.getTime())).size).toBe(1);
    expect(rows.map((r) => r.deliveryId)).toEqual(names.map((_, i) => `same-group-${i}`));
    await drainGhlInbox({ batchSize: 1 });
    const written = (await prisma.$queryRawUnsafe<{ firstName: string }[]>(`SELECT "firstName" FROM test_contact_writes`)).map((r) => r.firstName);
    expect(written).toEqual(names);
  });

  it("stores a signed body whose record does not parse, and the drain dead-letters it at once while the rest apply", async () => {
    const [bad, good] = clinic.seeded.contactIds as [string, string];
    // The envelope and the record's id are read in the request; the rest only by the drain.
    expect(await ghl.sendWebhook(ghl.events.contactCreate(bad, { tags: "not-a-list" } as never))).toEqual([200]);
    expect(await ghl.sendWebhook(ghl.events.contactCreate(good))).toEqual([200]);
    expect(await drainGhlInbox()).toMatchObject({ applied: 1, dead: 1 });
    expect(await prisma.webhookInbox.findFirstOrThrow({ where: { recordId: bad } })).toMatchObject({
      status: "dead",
      attempts: 1,
      lastError: expect.stringMatching(/^[0-9a-f]{8}: the stored event cannot be read/),
    });
    expect((await prisma.contact.findMany({ select: { ghlContactId: true } })).map((c) => c.ghlContactId)).toEqual([good]);
  });
});

describe("webhook inbox: a poison event", () => {
  it("is retried with backoff, dead-lettered after the last attempt, and holds back only its own record", async () => {
    const [poisoned, blocked, ...others] = clinic.seeded.contactIds.slice(0, 6) as [string, string, ...string[]];
    await ghl.sendWebhooks(others.map((id) => ghl.events.contactCreate(id)));
    // A date JavaScript reads (year 0) but Postgres has no such year: the upsert fails every time.
    for (const id of [poisoned, blocked]) {
      expect(await ghl.sendWebhook(ghl.events.contactCreate(id, { dateAdded: "0000-01-01T00:00:00.000Z" }))).toEqual([200]);
    }
    const t0 = Date.now();

    const first = await drainGhlInbox({ now: () => new Date(t0), maxAttempts: 3 });
    expect(first).toMatchObject({ applied: others.length, retried: 2, dead: 0 });
    expect(await prisma.contact.count({ where: { ghlContactId: { in: others } } })).toBe(others.length);
    const waiting = await prisma.webhookInbox.findMany({ where: { recordId: { in: [poisoned, blocked] } } });
    for (const row of waiting) {
      expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("out of range") });
      expect(row.availableAt.getTime()).toBe(t0 + retryDelayMs(1));
    }

    // A later update of the same contact waits behind it while it backs off; other records do not.
    // (Their wait is stretched, so the real clock used from here cannot reach their retry.)
    const t1 = Date.now() + 3_600_000;
    await prisma.webhookInbox.updateMany({ where: { recordId: { in: [poisoned, blocked] } }, data: { availableAt: new Date(t1) } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    ghl.store.updateContact(blocked, { firstName: "Fixed" });
    await ghl.sendWebhook(ghl.events.contactUpdate(blocked));
    ghl.store.updateContact(others[0]!, { firstName: "Also fine" });
    await ghl.sendWebhook(ghl.events.contactUpdate(others[0]!));
    expect(await drainGhlInbox({ maxAttempts: 3 })).toMatchObject({ applied: 1, retried: 0 });
    expect((await inboxRows()).filter((r) => r.recordId === blocked).map((r) => [r.status, r.attempts])).toEqual([
      ["pending", 1],
      ["pending", 0],
    ]);

    // Due again: both fail once more (the update still waits), then a last time: dead-lettered,
    // after which the waiting update applies.
    expect(await drainGhlInbox({ now: () => new Date(t1), maxAttempts: 3 })).toMatchObject({ applied: 0, retried: 2, dead: 0 });
    expect(await drainGhlInbox({ now: () => new Date(t1 + 3_600_000), maxAttempts: 3 })).toMatchObject({ applied: 1, dead: 2 });

    expect((await inboxRows()).filter((r) => r.recordId === poisoned || r.recordId === blocked).map((r) => [r.recordId, r.status, r.attempts])).toEqual([
      [poisoned, "dead", 3],
      [blocked, "dead", 3],
      [blocked, "done", 1],
    ]);
    expect((await prisma.contact.findFirstOrThrow({ where: { ghlContactId: blocked } })).firstName).toBe("Fixed");
    expect(await prisma.contact.findFirst({ where: { ghlContactId: poisoned } })).toBeNull();
    expect(await prisma.webhookInbox.count({ where: { status: { notIn: ["done", "dead"] } } })).toBe(0);
    const health = await inboxHealth(forOrg(clinic.location.organizationId));
    expect(health.get(clinic.location.id)).toMatchObject({ waiting: 0, dead: 2, oldestWaitingAt: null, lastDead: { type: "ContactCreate", reference: expect.stringMatching(/^[0-9a-f]{8}$/) } });
  });

  it("a failed batch retried in halves still holds back a later event of the bad record, in whichever half it falls", async () => {
    const ids = clinic.seeded.contactIds.slice(0, 7) as string[];
    const poisoned = ids[1]!;
    await ghl.sendWebhook(ghl.events.contactCreate(ids[0]!));
    await ghl.sendWebhook(ghl.events.contactCreate(poisoned, { dateAdded: "0000-01-01T00:00:00.000Z" }));
    for (const id of ids.slice(2, 6)) await ghl.sendWebhook(ghl.events.contactCreate(id));
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The poisoned contact's next event lands in the second half of the failed batch. It is bad
    // too: a good one would supersede the first within the batch's upsert (newest wins).
    await ghl.sendWebhook(ghl.events.contactUpdate(poisoned, { dateAdded: "0000-01-01T00:00:00.000Z" }));
    await ghl.sendWebhook(ghl.events.contactCreate(ids[6]!));

    expect(await drainGhlInbox({ maxAttempts: 3 })).toMatchObject({ applied: 6, retried: 1, dead: 0 });
    expect((await inboxRows()).filter((r) => r.recordId === poisoned).map((r) => [r.status, r.attempts])).toEqual([
      ["pending", 1],
      ["pending", 0],
    ]);
    expect(await prisma.contact.findFirst({ where: { ghlContactId: poisoned } })).toBeNull();
    expect([...(await writesPerContact()).values()].every((n) => n === 1)).toBe(true);
  });

  it("a stored body that cannot be read goes to dead-letter at once", async () => {
    const [id] = clinic.seeded.contactIds as [string];
    await ghl.sendWebhook(ghl.events.contactCreate(id));
    await prisma.webhookInbox.create({
      data: { organizationId: clinic.location.organizationId, locationId: clinic.location.id, source: "ghl", deliveryId: "garbled", type: "ContactCreate", recordId: "x", payload: "{garbled" },
    });
    expect(await drainGhlInbox()).toMatchObject({ applied: 1, dead: 1 });
    expect(await prisma.webhookInbox.findUniqueOrThrow({ where: { source_deliveryId: { source: "ghl", deliveryId: "garbled" } } })).toMatchObject({
      status: "dead",
      attempts: 1,
      lastError: expect.stringMatching(/^[0-9a-f]{8}: the stored event cannot be read/),
    });
  });
});

describe("the webhook-drain cron", () => {
  it("drains with the cron secret", async () => {
    const ids = clinic.seeded.contactIds.slice(0, 4);
    await acceptCreates(ids);
    const response = await drainCron(new Request("http://localhost/api/cron/webhook-drain", { headers: { authorization: `Bearer ${env.CRON_SECRET}` } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, applied: ids.length, dead: 0 });
    expect(await prisma.contact.count()).toBe(ids.length);
  });
});

/** Starts a drain in a child process, waits until it is inside its batch, kills it; returns what it said. */
async function killDrainMidBatch(): Promise<string> {
  // node itself with tsx's loader, so the kill reaches the process that holds the connection.
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/drain-child.ts"], {
    env: { ...process.env, TSX_TSCONFIG_PATH: "tests/bench/tsconfig.json", DATABASE_URL: inject("databaseUrl"), DATABASE_POOL_MAX: "2", LOG_LEVEL: "error" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const [first] = out.split("\n");
      if (out.includes("\n")) resolve(first!);
    });
    child.once("exit", (code) => reject(new Error(`the drain exited (${code}) before its batch: ${stderr}`)));
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
  return line;
}
