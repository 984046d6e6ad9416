import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import { createTestDatabase } from "../../support/test-database";
import { startSmtpSink } from "../../sandboxes/smtp";

/**
 * The e2e web server: the production build (built first if missing) on a fresh database
 * (local Postgres, or PGlite when none answers), migrated and seeded with the demo agency.
 * Mail goes over SMTP to a local sink the tests read from.
 */
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index > 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

async function main() {
  const port = option("--port", "3100");
  const mailPort = option("--mail-port", "3101");
  const ghlPort = option("--ghl-port", "3102");
  const readyPort = option("--ready-port", "3103");
  const calcomPort = option("--calcom-port", String(Number(port) + 4));
  const appUrl = `http://127.0.0.1:${port}`;
  const secrets = {
    // Fresh secrets for every run: nothing here is reused anywhere.
    BETTER_AUTH_SECRET: randomBytes(32).toString("hex"),
    SECRETS_ENCRYPTION_KEYS: `e2e:${randomBytes(32).toString("base64")}`,
    CRON_SECRET: randomBytes(24).toString("hex"),
  };
  if (!fs.existsSync(".next/BUILD_ID")) {
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  // Production refuses per-process rate limits, so the server counts in the local Redis: a
  // database of its own per port block (parallel runs do not share counters), emptied first.
  const redisUrl = process.env.E2E_REDIS_URL ?? `redis://127.0.0.1:6379/${Math.floor(Number(port) / 100) % 16}`;
  const { Redis } = await import("ioredis");
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  await redis.flushdb();
  redis.disconnect();
  const database = await createTestDatabase("e2e");
  const mail = await startSmtpSink({ httpPort: Number(mailPort) });
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_MAX = String(database.poolMax);
  const { applyMigrations } = await import("@/lib/db/migrations");
  const { PrismaClient } = await import("@/lib/generated/prisma/client");
  const { createAdapter } = await import("@/lib/db/connection");
  const { seedDemoData } = await import("@/scripts/demo/seed");
  const { startLocalGhl } = await import("@/scripts/dev/ghl");
  const { startLocalCalcom } = await import("@/scripts/dev/calcom");
  const { startLocalAi } = await import("@/scripts/dev/ai");
  const { startLocalStripe } = await import("@/scripts/dev/stripe");
  await applyMigrations(database.url);
  const db = new PrismaClient({ adapter: createAdapter(database.url) });
  await seedDemoData(db);
  const ghl = await startLocalGhl({ port: Number(ghlPort), appUrl, db, encryptionKeys: secrets.SECRETS_ENCRYPTION_KEYS });
  const calcom = await startLocalCalcom({ port: Number(calcomPort), appUrl, db, encryptionKeys: secrets.SECRETS_ENCRYPTION_KEYS });
  // The port block has no room left: the model stand-in takes any free loopback port.
  const ai = await startLocalAi({ port: 0, chunkDelayMs: 10 });
  // The Stripe stand-in too; the demo agency starts without a subscription, so a test can start its trial.
  const stripe = await startLocalStripe({ port: 0, appUrl, db, demoSubscription: false });
  // Files: the S3 stand-in (any free port), reached by the browser through signed URLs.
  const { startLocalS3 } = await import("@/scripts/dev/storage");
  const s3 = await startLocalS3({ port: 0, appOrigin: new URL(appUrl).origin });
  await db.$disconnect();

  const next = spawn(process.execPath, [nextBin, "start", "--port", port, "--hostname", "127.0.0.1"], {
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // Retry GHL quickly: the demo's failing clinic answers 503 on every try.
      GHL_RETRY_BASE_MS: process.env.GHL_RETRY_BASE_MS ?? "20",
      APP_URL: appUrl,
      SMTP_URL: mail.smtpUrl,
      REDIS_URL: redisUrl,
      ...secrets,
      ...ghl.env,
      ...calcom.env,
      ...ai.env,
      ...stripe.env,
      ...s3.env,
    },
  });
  // Ready (for Playwright) once the app answers and the demo agency has been synced from GHL.
  let ready = false;
  const readiness = http.createServer((_req, res) => res.writeHead(ready ? 200 : 503).end(ready ? "ready" : "starting"));
  readiness.listen(Number(readyPort), "127.0.0.1");
  void syncOnceReady(appUrl, secrets.CRON_SECRET).then(() => (ready = true));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (next.exitCode === null) {
      next.kill("SIGTERM");
      const forced = setTimeout(() => next.kill("SIGKILL"), 5_000);
      await new Promise((resolve) => next.once("exit", resolve));
      clearTimeout(forced);
    }
    await mail.stop().catch(() => undefined);
    await ghl.sandbox.stop().catch(() => undefined);
    await calcom.sandbox.stop().catch(() => undefined);
    await ai.sandbox.stop().catch(() => undefined);
    await stripe.sandbox.stop().catch(() => undefined);
    await s3.sandbox.stop().catch(() => undefined);
    readiness.close();
    await database.drop().catch((err: unknown) => console.error("could not drop the e2e database:", err));
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  next.on("exit", () => void stop());
}

/** Pulls the demo agency from the GHL sandbox once the app answers, as the first cron ticks would, and fills the queue. */
async function syncOnceReady(appUrl: string, cronSecret: string) {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      const response = await fetch(`${appUrl}/api/cron/ghl-sync`, { headers: { authorization: `Bearer ${cronSecret}` } });
      if (response.ok) {
        // The sync runs the queue's detectors only with time to spare; the queue's own tick always does.
        await fetch(`${appUrl}/api/cron/ops-detect`, { headers: { authorization: `Bearer ${cronSecret}` } });
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
