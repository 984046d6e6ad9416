/**
 * npm run bench:webhooks — GHL webhook ingestion over loopback HTTP, the request-time path that
 * Sidecar had (verify → tenant → claim → apply → answer) beside the acknowledge-first path it has
 * now (verify → tenant → store in the inbox → answer; a drain applies), in one run.
 *
 * Two processes: the server under test (tests/bench/support/webhook-server.ts: both routes, and
 * the in-process drain loop as under `npm start`) and this one, which prepares the database,
 * sends the deliveries and checks the outcome. So the CPU per request printed is the server's
 * alone, and the sender does not compete with the route inside one event loop.
 *
 * 0. Warm-up: BENCH_WARMUP deliveries to each path (into a clinic of their own), and a drain.
 * 1. Burst: BENCH_EVENTS signed contact events (one in ten delivered twice, as GHL sometimes does)
 *    sent BENCH_CONCURRENCY at a time, to each path: accepted requests/s, p50/p99 latency.
 * 2. Drain throughput: the new path's burst left in the inbox, drained by the server process:
 *    events/s.
 * 3. Sustained: BENCH_RATE events/s for BENCH_SECONDS at each path, the new one with the drain
 *    loop running in the server: end-to-end lag from receipt to the contact being in the clinic's
 *    contact list, p50/p99. For the old path that is the request's latency; for the new one, the
 *    inbox's receivedAt (the acknowledging INSERT) to its processedAt (the drain's write, just
 *    before its commit).
 * Every accepted event is checked to be stored exactly once; the machine's load average is
 * printed before and after.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, sign } from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { webhookSender, type Answer, type Delivery } from "./support/http-sender";
import { createTestDatabase } from "../support/test-database";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 4_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const RATE = Number(process.env.BENCH_RATE ?? 1_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 500);
/** The old path cannot keep up with RATE: a shorter run shows that without queueing for minutes. */
const OLD_SECONDS = Math.min(SECONDS, Number(process.env.BENCH_OLD_SECONDS ?? 2));
/** A directory: the server process writes a CPU profile of each burst there (<phase>.cpuprofile). */
const PROFILE_DIR = process.env.BENCH_CPU_PROF_DIR;
const DUPLICATE_EVERY = 10;
const MAX_IN_FLIGHT = 128;
const PATH = "/api/webhooks/ghl";

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const loadAverage = () => os.loadavg().map((n) => n.toFixed(2)).join(" / ");

/** The server process and its command channel. */
async function startServer(env: NodeJS.ProcessEnv) {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "tests/bench/support/webhook-server.ts"], {
    env: { ...env, TSX_TSCONFIG_PATH: "tests/bench/tsconfig.json", ...(PROFILE_DIR ? { BENCH_CPU_PROF_DIR: PROFILE_DIR } : {}) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  let nextId = 0;
  const ready = new Promise<{ oldUrl: string; newUrl: string }>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the server process exited (${code})`)));
    child.on("message", (message: { ready?: { oldUrl: string; newUrl: string }; id?: number; result?: unknown; error?: string }) => {
      if (message.ready) return resolve(message.ready);
      const waiter = pending.get(message.id!);
      pending.delete(message.id!);
      if (message.error) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.result);
    });
  });
  const command = <T>(command: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, command });
    });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { urls: await ready, command, stop: async () => (await command({ kind: "exit" }), await exited) };
}

async function main() {
  const loadBefore = loadAverage();
  const database = await createTestDatabase("bench_webhooks");
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const { startGhlSandbox } = await import("../sandboxes/ghl");
  const sandbox = await startGhlSandbox({ webhookSigningKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), log: () => undefined });
  const serverEnv = {
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: String(database.poolMax),
    GHL_WEBHOOK_PUBLIC_KEYS: publicKey.export({ type: "spki", format: "pem" }).toString(),
    LOG_LEVEL: "error",
  };
  Object.assign(process.env, serverEnv);
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    const { applyMigrations } = await import("@/lib/db/migrations");
    await applyMigrations(database.url);
    const { prisma } = await import("@/lib/db/client");

    const org = await prisma.organization.create({ data: { name: "Bench agency", slug: "bench-webhooks", type: "agency" } });
    const clinicOf = async (id: string, contacts: number) => {
      const seeded = sandbox.seedLocation({ id, contacts });
      const location = await prisma.location.create({ data: { organizationId: org.id, ghlLocationId: seeded.location.id, name: id, timezone: "UTC" } });
      return { seeded, location };
    };
    const sustainedEvents = RATE * SECONDS;
    const clinics = {
      oldWarmup: await clinicOf("bench-old-warmup", WARMUP),
      newWarmup: await clinicOf("bench-new-warmup", WARMUP),
      oldBurst: await clinicOf("bench-old-burst", EVENTS),
      newBurst: await clinicOf("bench-new-burst", EVENTS),
      oldSustained: await clinicOf("bench-old-sustained", RATE * OLD_SECONDS),
      newSustained: await clinicOf("bench-new-sustained", sustainedEvents),
    };
    server = await startServer({ ...process.env, ...serverEnv });
    const { oldUrl, newUrl } = server.urls;

    // Signed once, sent as is: a duplicate is the very same bytes with the same webhookId.
    const deliveriesOf = (contactIds: string[], duplicates: boolean): Delivery[] =>
      contactIds.flatMap((id, i) => {
        const body = Buffer.from(JSON.stringify(sandbox.events.contactUpdate(id)));
        const delivery = { body, signature: sign(null, body, privateKey).toString("base64") };
        return duplicates && i % DUPLICATE_EVERY === 0 ? [delivery, delivery] : [delivery];
      });

    const tally = (answers: Answer[]) => {
      const statuses = new Map<number, number>();
      for (const { status } of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
      return { statuses, latencies: answers.map((a) => a.ms).sort((a, b) => a - b) };
    };

    /** Closed loop: CONCURRENCY connections, each sending its next delivery once answered. */
    const burst = async (label: string, url: string, deliveries: Delivery[]) => {
      const sender = webhookSender(url, CONCURRENCY);
      const answers: Answer[] = [];
      let next = 0;
      const worker = async () => {
        while (next < deliveries.length) answers.push(await sender.post(PATH, deliveries[next++]!));
      };
      await server!.command({ kind: "cpu-start" });
      const started = performance.now();
      const senderCpu = process.cpuUsage();
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const seconds = (performance.now() - started) / 1000;
      const sent = process.cpuUsage(senderCpu);
      const { cpuMs } = await server!.command<{ cpuMs: number }>({ kind: "cpu-stop", label });
      sender.close();
      const { statuses, latencies } = tally(answers);
      return {
        seconds,
        latencies,
        statuses,
        accepted: statuses.get(200) ?? 0,
        serverCpuMsPerRequest: cpuMs / deliveries.length,
        senderCpuMsPerRequest: (sent.user + sent.system) / 1000 / deliveries.length,
      };
    };

    /**
     * Open loop: one delivery every 1/RATE s whatever the answers, as a sender does, up to
     * MAX_IN_FLIGHT unanswered at once (beyond that a sender's own connections would queue; the
     * achieved rate then says so).
     */
    const sustained = async (url: string, deliveries: Delivery[]) => {
      const sender = webhookSender(url, MAX_IN_FLIGHT);
      const answers: Answer[] = [];
      const inFlight = new Set<Promise<void>>();
      const started = performance.now();
      for (let i = 0; i < deliveries.length; i++) {
        const due = started + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
        const p: Promise<void> = sender.post(PATH, deliveries[i]!).then((answer) => {
          answers.push(answer);
          inFlight.delete(p);
        });
        inFlight.add(p);
      }
      await Promise.all(inFlight);
      const seconds = (performance.now() - started) / 1000;
      sender.close();
      return { seconds, ...tally(answers), achievedRate: deliveries.length / seconds };
    };

    const contactsIn = (locationId: string) => prisma.contact.count({ where: { locationId } });
    const claims = () => prisma.webhookEvent.count();

    // 0. Warm-up of both paths and of the drain, outside every figure.
    await burst("old-warmup", oldUrl, deliveriesOf(clinics.oldWarmup.seeded.contactIds, false));
    await burst("new-warmup", newUrl, deliveriesOf(clinics.newWarmup.seeded.contactIds, false));
    await server.command({ kind: "drain", label: "drain-warmup" });
    const claimsBefore = await claims();

    // 1. Bursts.
    const oldBurst = await burst("old-burst", oldUrl, deliveriesOf(clinics.oldBurst.seeded.contactIds, true));
    const oldBurstStored = (await claims()) - claimsBefore === EVENTS && (await contactsIn(clinics.oldBurst.location.id)) === EVENTS;
    const newBurst = await burst("new-burst", newUrl, deliveriesOf(clinics.newBurst.seeded.contactIds, true));
    const newBurstInbox = await prisma.webhookInbox.count({ where: { locationId: clinics.newBurst.location.id } });

    // 2. Drain of what the burst left, in the server process.
    const drained = await server.command<{ applied: number; batches: number; seconds: number }>({ kind: "drain", label: "drain" });
    const newBurstStored = newBurstInbox === EVENTS && drained.applied === EVENTS && (await contactsIn(clinics.newBurst.location.id)) === EVENTS;

    // 3. Sustained rate: old path, then new path with the server's drain loop.
    const oldSustained = await sustained(oldUrl, deliveriesOf(clinics.oldSustained.seeded.contactIds, false));
    const oldSustainedStored = (await contactsIn(clinics.oldSustained.location.id)) === RATE * OLD_SECONDS;
    await server.command({ kind: "loop-start", intervalMs: 250 });
    const newSustained = await sustained(newUrl, deliveriesOf(clinics.newSustained.seeded.contactIds, false));
    for (let i = 0; i < 600 && (await prisma.webhookInbox.count({ where: { status: { in: ["pending", "reread"] } } })) > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await server.command({ kind: "loop-stop" });
    const lagRows = await prisma.$queryRaw<{ ms: number }[]>`
      SELECT (EXTRACT(EPOCH FROM ("processedAt" - "receivedAt")) * 1000)::float8 AS ms
      FROM "WebhookInbox" WHERE "locationId" = ${clinics.newSustained.location.id} AND "status" = 'done' ORDER BY 1`;
    const lags = lagRows.map((r) => r.ms);
    const newSustainedStored = lags.length === sustainedEvents && (await contactsIn(clinics.newSustained.location.id)) === sustainedEvents;
    await server.stop();
    server = null;

    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const rps = (r: { accepted: number; seconds: number }) => `${(r.accepted / r.seconds).toFixed(0)} req/s`;
    const row = (label: string, before: string, after: string) => console.log(`${label.padEnd(40)}${before.padEnd(26)}${after}`);
    console.log(
      `load average (1 / 5 / 15 min) before: ${loadBefore}, after: ${loadAverage()}, on ${os.cpus().length} cores; database: ${database.kind}; ` +
        `sender and server in separate processes; warm-up: ${WARMUP} deliveries per path; ` +
        `burst: ${(EVENTS + EVENTS / DUPLICATE_EVERY).toLocaleString("en-US")} deliveries (${EVENTS.toLocaleString("en-US")} events, every ${DUPLICATE_EVERY}th twice), ${CONCURRENCY} at a time; ` +
        `sustained: ${RATE.toLocaleString("en-US")} events/s offered for ${OLD_SECONDS} s (old) and ${SECONDS} s (new)`,
    );
    row("", "old: apply in request", "new: acknowledge + drain");
    row("burst answers", JSON.stringify(Object.fromEntries(oldBurst.statuses)), JSON.stringify(Object.fromEntries(newBurst.statuses)));
    row("burst accepted", rps(oldBurst), rps(newBurst));
    row("burst latency p50 / p99", `${ms(percentile(oldBurst.latencies, 50))} / ${ms(percentile(oldBurst.latencies, 99))}`, `${ms(percentile(newBurst.latencies, 50))} / ${ms(percentile(newBurst.latencies, 99))}`);
    row("burst CPU of the server process / req", `${oldBurst.serverCpuMsPerRequest.toFixed(2)} ms`, `${newBurst.serverCpuMsPerRequest.toFixed(2)} ms`);
    row("burst CPU of the sender process / req", `${oldBurst.senderCpuMsPerRequest.toFixed(2)} ms`, `${newBurst.senderCpuMsPerRequest.toFixed(2)} ms`);
    row("drain throughput", "(in the request)", `${(drained.applied / drained.seconds).toFixed(0)} events/s (${drained.applied} in ${drained.seconds.toFixed(2)} s, ${drained.batches} batches)`);
    row("sustained rate achieved", `${oldSustained.achievedRate.toFixed(0)} events/s`, `${newSustained.achievedRate.toFixed(0)} events/s`);
    row("sustained answers", JSON.stringify(Object.fromEntries(oldSustained.statuses)), JSON.stringify(Object.fromEntries(newSustained.statuses)));
    row("sustained acknowledge p50 / p99", `${ms(percentile(oldSustained.latencies, 50))} / ${ms(percentile(oldSustained.latencies, 99))}`, `${ms(percentile(newSustained.latencies, 50))} / ${ms(percentile(newSustained.latencies, 99))}`);
    row("lag receipt → contact list p50 / p99", `${ms(percentile(oldSustained.latencies, 50))} / ${ms(percentile(oldSustained.latencies, 99))}`, `${ms(percentile(lags, 50))} / ${ms(percentile(lags, 99))}`);
    const yes = (ok: boolean) => (ok ? "yes" : "NO");
    row("stored exactly once", `${yes(oldBurstStored)} / ${yes(oldSustainedStored)}`, `${yes(newBurstStored)} / ${yes(newSustainedStored)}`);
    console.log("targets (new path, 2 cores): burst ≥ 2,000 req/s with p99 ≤ 50 ms; drain ≥ 5,000 events/s; lag p99 ≤ 2,000 ms at 1,000 events/s");
    await prisma.$disconnect();
    if (!oldBurstStored || !newBurstStored || !oldSustainedStored || !newSustainedStored) process.exitCode = 1;
  } finally {
    await server?.stop().catch(() => undefined);
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
