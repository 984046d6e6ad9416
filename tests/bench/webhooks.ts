/**
 * npm run bench:webhooks — GHL webhook ingestion over loopback HTTP, the request-time path that
 * Sidecar had (verify → tenant → claim → apply → answer) beside the acknowledge-first path it has
 * now (verify → tenant → store in the inbox → answer; a drain applies), in one run.
 *
 * 1. Burst: BENCH_EVENTS signed contact events (one in ten delivered twice, as GHL sometimes does)
 *    sent BENCH_CONCURRENCY at a time, to each path: accepted requests/s, p50/p99 latency.
 * 2. Drain throughput: the new path's burst left in the inbox, drained: events/s.
 * 3. Sustained: BENCH_RATE events/s for BENCH_SECONDS at each path, the new one with the drain
 *    loop running in-process (as under `npm start`): end-to-end lag from receipt to the contact
 *    being in the clinic's contact list, p50/p99. For the old path that is the request's latency;
 *    for the new one, the inbox's receivedAt (the acknowledging INSERT) to its processedAt (the
 *    drain's write, just before its commit).
 * Every accepted event is checked to be stored exactly once. Each request carries its own client
 * address, so the per-address limit (600 a minute) does not cap what is measured. The sender, the
 * route and the drain share this one Node process, as the old figures did.
 */
import { generateKeyPairSync, sign } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../support/test-database";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 4_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const RATE = Number(process.env.BENCH_RATE ?? 1_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** The old path cannot keep up with RATE: a shorter run shows that without queueing for minutes. */
const OLD_SECONDS = Math.min(SECONDS, Number(process.env.BENCH_OLD_SECONDS ?? 2));
const DUPLICATE_EVERY = 10;
const MAX_IN_FLIGHT = 128;

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Delivery {
  body: Buffer;
  signature: string;
}

async function main() {
  const database = await createTestDatabase("bench_webhooks");
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const { startGhlSandbox } = await import("../sandboxes/ghl");
  const sandbox = await startGhlSandbox({ webhookSigningKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), log: () => undefined });
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: String(database.poolMax),
    GHL_WEBHOOK_PUBLIC_KEYS: publicKey.export({ type: "spki", format: "pem" }).toString(),
    LOG_LEVEL: "error",
  });
  try {
    const { applyMigrations } = await import("@/lib/db/migrations");
    await applyMigrations(database.url);
    const { prisma } = await import("@/lib/db/client");
    const { serveRoute } = await import("../support/serve-route");
    const { POST } = await import("@/app/api/webhooks/ghl/route");
    const { ghlInboxProcessor, ghlWebhookSpec, unsafeFindClinicByGhlLocation } = await import("@/lib/ghl/webhooks");
    const { drainGhlInbox, startGhlDrainLoop } = await import("@/lib/ghl/webhook-drain");
    const { webhookRoute } = await import("@/lib/entry/webhook-route");

    // The path before the inbox, rebuilt from today's pieces: an uncached tenant lookup, the
    // delivery claimed in WebhookEvent, the event applied by the same handler inside the request.
    const oldPost = webhookRoute({
      source: "ghl",
      verify: ghlWebhookSpec.verify,
      parse: ghlWebhookSpec.parse,
      isFresh: (event, now) => Math.abs(now.getTime() - Date.parse(event.timestamp)) <= 5 * 60_000,
      async resolveTenant(event) {
        if (!event.locationId) return null;
        const clinic = await unsafeFindClinicByGhlLocation(event.locationId);
        return clinic ? { organizationId: clinic.organizationId, locationId: clinic.id, ghlLocationId: event.locationId } : null;
      },
      async handle(event, db, tenant) {
        const row = { id: "inline", deliveryId: event.deliveryId, type: event.type, recordId: "", payload: "", attempts: 0, receivedAt: new Date() };
        const clinic = { organizationId: tenant.organizationId, locationId: tenant.locationId };
        const reread = await db.transaction((tx) => ghlInboxProcessor.apply(tx, clinic, [{ row, event }]));
        if (reread.size) await ghlInboxProcessor.reread(db, clinic, { row, event });
      },
    });

    const org = await prisma.organization.create({ data: { name: "Bench agency", slug: "bench-webhooks", type: "agency" } });
    const clinicOf = async (id: string, contacts: number) => {
      const seeded = sandbox.seedLocation({ id, contacts });
      const location = await prisma.location.create({ data: { organizationId: org.id, ghlLocationId: seeded.location.id, name: id, timezone: "UTC" } });
      return { seeded, location };
    };
    const sustainedEvents = RATE * SECONDS;
    const clinics = {
      oldBurst: await clinicOf("bench-old-burst", EVENTS),
      newBurst: await clinicOf("bench-new-burst", EVENTS),
      oldSustained: await clinicOf("bench-old-sustained", RATE * OLD_SECONDS),
      newSustained: await clinicOf("bench-new-sustained", sustainedEvents),
    };
    const oldEndpoint = await serveRoute(oldPost);
    const newEndpoint = await serveRoute(POST);

    // Signed once, sent as is: a duplicate is the very same bytes with the same webhookId.
    const deliveriesOf = (contactIds: string[], duplicates: boolean): Delivery[] =>
      contactIds.flatMap((id, i) => {
        const body = Buffer.from(JSON.stringify(sandbox.events.contactUpdate(id)));
        const delivery = { body, signature: sign(null, body, privateKey).toString("base64") };
        return duplicates && i % DUPLICATE_EVERY === 0 ? [delivery, delivery] : [delivery];
      });

    let sent = 0;
    const post = async (url: string, { body, signature }: Delivery) => {
      const n = sent++;
      const start = performance.now();
      const response = await fetch(`${url}/api/webhooks/ghl`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-ghl-signature": signature, "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
        body: new Uint8Array(body) as Uint8Array<ArrayBuffer>,
      });
      await response.arrayBuffer();
      return { status: response.status, ms: performance.now() - start };
    };

    const burst = async (url: string, deliveries: Delivery[]) => {
      const latencies: number[] = [];
      const statuses = new Map<number, number>();
      let next = 0;
      const worker = async () => {
        while (next < deliveries.length) {
          const { status, ms } = await post(url, deliveries[next++]!);
          latencies.push(ms);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      };
      const started = performance.now();
      const cpu = process.cpuUsage();
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const { user, system } = process.cpuUsage(cpu);
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      return { seconds, latencies, statuses, accepted: statuses.get(200) ?? 0, cpuMsPerRequest: (user + system) / 1000 / deliveries.length };
    };

    /**
     * Open loop: one delivery every 1/RATE s whatever the answers, as a sender does, up to
     * MAX_IN_FLIGHT unanswered at once (beyond that a sender's own connections would queue; the
     * achieved rate then says so).
     */
    const sustained = async (url: string, deliveries: Delivery[]) => {
      const latencies: number[] = [];
      const statuses = new Map<number, number>();
      const inFlight = new Set<Promise<void>>();
      const started = performance.now();
      for (let i = 0; i < deliveries.length; i++) {
        const due = started + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
        const p: Promise<void> = post(url, deliveries[i]!).then(({ status, ms }) => {
          latencies.push(ms);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          inFlight.delete(p);
        });
        inFlight.add(p);
      }
      await Promise.all(inFlight);
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      return { seconds, latencies, statuses, achievedRate: deliveries.length / seconds };
    };

    const contactsIn = (locationId: string) => prisma.contact.count({ where: { locationId } });

    // 1. Bursts.
    const oldBurst = await burst(oldEndpoint.url, deliveriesOf(clinics.oldBurst.seeded.contactIds, true));
    const oldBurstStored = (await prisma.webhookEvent.count()) === EVENTS && (await contactsIn(clinics.oldBurst.location.id)) === EVENTS;
    const newBurst = await burst(newEndpoint.url, deliveriesOf(clinics.newBurst.seeded.contactIds, true));
    const newBurstInbox = await prisma.webhookInbox.count({ where: { locationId: clinics.newBurst.location.id } });

    // 2. Drain of what the burst left.
    const drainStart = performance.now();
    const drained = await drainGhlInbox({ budgetMs: 600_000 });
    const drainSeconds = (performance.now() - drainStart) / 1000;
    const newBurstStored = newBurstInbox === EVENTS && drained.applied === EVENTS && (await contactsIn(clinics.newBurst.location.id)) === EVENTS;

    // 3. Sustained rate: old path, then new path with the in-process drain loop.
    const oldSustained = await sustained(oldEndpoint.url, deliveriesOf(clinics.oldSustained.seeded.contactIds, false));
    const oldSustainedStored = (await contactsIn(clinics.oldSustained.location.id)) === RATE * OLD_SECONDS;
    const loop = startGhlDrainLoop({ intervalMs: 250 });
    const newSustained = await sustained(newEndpoint.url, deliveriesOf(clinics.newSustained.seeded.contactIds, false));
    for (let i = 0; i < 600 && (await prisma.webhookInbox.count({ where: { status: { in: ["pending", "reread"] } } })) > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await loop.stop();
    const lagRows = await prisma.$queryRaw<{ ms: number }[]>`
      SELECT (EXTRACT(EPOCH FROM ("processedAt" - "receivedAt")) * 1000)::float8 AS ms
      FROM "WebhookInbox" WHERE "locationId" = ${clinics.newSustained.location.id} AND "status" = 'done' ORDER BY 1`;
    const lags = lagRows.map((r) => r.ms);
    const newSustainedStored = lags.length === sustainedEvents && (await contactsIn(clinics.newSustained.location.id)) === sustainedEvents;

    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const rps = (r: { accepted: number; seconds: number }) => `${(r.accepted / r.seconds).toFixed(0)} req/s`;
    const row = (label: string, before: string, after: string) => console.log(`${label.padEnd(40)}${before.padEnd(26)}${after}`);
    const [load1] = (await import("node:os")).loadavg();
    console.log(
      `load average at the end: ${load1!.toFixed(1)} on ${(await import("node:os")).cpus().length} cores; database: ${database.kind}; burst: ${(EVENTS + EVENTS / DUPLICATE_EVERY).toLocaleString("en-US")} deliveries (${EVENTS.toLocaleString("en-US")} events, every ${DUPLICATE_EVERY}th twice), ${CONCURRENCY} at a time; sustained: ${RATE.toLocaleString("en-US")} events/s offered for ${OLD_SECONDS} s (old) and ${SECONDS} s (new)`,
    );
    row("", "old: apply in request", "new: acknowledge + drain");
    row("burst answers", JSON.stringify(Object.fromEntries(oldBurst.statuses)), JSON.stringify(Object.fromEntries(newBurst.statuses)));
    row("burst accepted", rps(oldBurst), rps(newBurst));
    row("burst latency p50 / p99", `${ms(percentile(oldBurst.latencies, 50))} / ${ms(percentile(oldBurst.latencies, 99))}`, `${ms(percentile(newBurst.latencies, 50))} / ${ms(percentile(newBurst.latencies, 99))}`);
    row("burst CPU of this process / req", `${oldBurst.cpuMsPerRequest.toFixed(2)} ms`, `${newBurst.cpuMsPerRequest.toFixed(2)} ms (sender included)`);
    row("drain throughput", "(in the request)", `${(drained.applied / drainSeconds).toFixed(0)} events/s (${drained.applied} in ${drainSeconds.toFixed(2)} s, ${drained.batches} batches)`);
    row("sustained rate achieved", `${oldSustained.achievedRate.toFixed(0)} events/s`, `${newSustained.achievedRate.toFixed(0)} events/s`);
    row("sustained answers", JSON.stringify(Object.fromEntries(oldSustained.statuses)), JSON.stringify(Object.fromEntries(newSustained.statuses)));
    row("sustained acknowledge p50 / p99", `${ms(percentile(oldSustained.latencies, 50))} / ${ms(percentile(oldSustained.latencies, 99))}`, `${ms(percentile(newSustained.latencies, 50))} / ${ms(percentile(newSustained.latencies, 99))}`);
    row("lag receipt → contact list p50 / p99", `${ms(percentile(oldSustained.latencies, 50))} / ${ms(percentile(oldSustained.latencies, 99))}`, `${ms(percentile(lags, 50))} / ${ms(percentile(lags, 99))}`);
    const yes = (ok: boolean) => (ok ? "yes" : "NO");
    row("stored exactly once", `${yes(oldBurstStored)} / ${yes(oldSustainedStored)}`, `${yes(newBurstStored)} / ${yes(newSustainedStored)}`);
    await oldEndpoint.close();
    await newEndpoint.close();
    await prisma.$disconnect();
    if (!oldBurstStored || !newBurstStored || !oldSustainedStored || !newSustainedStored) process.exitCode = 1;
  } finally {
    await sandbox.stop();
    await database.drop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
