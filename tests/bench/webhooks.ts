/**
 * npm run bench:webhooks — GHL webhook ingestion over loopback HTTP: BENCH_EVENTS signed contact
 * events (one in ten delivered twice, as GHL sometimes does) sent BENCH_CONCURRENCY at a time to
 * /api/webhooks/ghl served from its route handler. Prints sustained requests per second, p50 and
 * p99 latency, and checks every accepted event was stored exactly once. Each request carries its
 * own client address so the per-address limit (600 a minute) does not cap what is measured.
 */
import { generateKeyPairSync, sign } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../support/test-database";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DUPLICATE_EVERY = 10;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
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
    const org = await prisma.organization.create({ data: { name: "Bench agency", slug: "bench-webhooks", type: "agency" } });
    const seeded = sandbox.seedLocation({ id: "bench-webhook-location", contacts: EVENTS });
    await prisma.location.create({ data: { organizationId: org.id, ghlLocationId: seeded.location.id, name: "Clinic", timezone: "UTC" } });
    const endpoint = await serveRoute(POST);

    // Signed once, sent as is: a duplicate is the very same bytes with the same webhookId.
    const deliveries = seeded.contactIds.flatMap((id, i) => {
      const body = Buffer.from(JSON.stringify(sandbox.events.contactUpdate(id)));
      const delivery = { body, signature: sign(null, body, privateKey).toString("base64") };
      return i % DUPLICATE_EVERY === 0 ? [delivery, delivery] : [delivery];
    });
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < deliveries.length) {
        const n = next++;
        const { body, signature } = deliveries[n]!;
        const start = performance.now();
        const response = await fetch(`${endpoint.url}/api/webhooks/ghl`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-ghl-signature": signature, "x-forwarded-for": `10.0.${(n >> 8) & 255}.${n & 255}` },
          body,
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - start);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);

    const stored = await prisma.webhookEvent.count({ where: { organizationId: org.id } });
    const contacts = await prisma.contact.count({ where: { organizationId: org.id } });
    console.log(`${deliveries.length.toLocaleString("en-US")} deliveries (${EVENTS.toLocaleString("en-US")} events, every ${DUPLICATE_EVERY}th twice), ${CONCURRENCY} at a time, database: ${database.kind}`);
    console.log(`answers                ${JSON.stringify(Object.fromEntries(statuses))}`);
    console.log(`sustained              ${(deliveries.length / seconds).toFixed(0)} requests/s over ${seconds.toFixed(1)} s`);
    console.log(`latency                p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
    console.log(`stored exactly once    ${stored === EVENTS && contacts === EVENTS ? "yes" : "NO"} (${stored} webhook events, ${contacts} contacts for ${EVENTS} events)`);
    await endpoint.close();
    await prisma.$disconnect();
    if (stored !== EVENTS || contacts !== EVENTS) process.exitCode = 1;
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
