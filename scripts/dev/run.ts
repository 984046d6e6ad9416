import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapter, databaseUrl } from "@/lib/db/connection";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrations";
import { isDatabaseEmpty, seedDemoData } from "@/scripts/demo/seed";
import { startLocalGhl } from "@/scripts/dev/ghl";
import { startLocalCalcom } from "@/scripts/dev/calcom";
import { startLocalAi } from "@/scripts/dev/ai";
import { startLocalStripe } from "@/scripts/dev/stripe";
import { firstVisitRoutes, readyBanner, warmRoutes } from "@/scripts/dev/ready";
import { startLocalScheduler } from "@/scripts/dev/scheduler";

/**
 * `npm run dev`: starts the embedded database when DATABASE_URL is unset, applies migrations,
 * seeds an empty database with the demo agency, starts the GHL sandbox when no GHL credentials
 * are set, runs the Next.js dev server, and calls the cron routes on vercel.json's schedule.
 * `npm run dev -- --prod` serves a built app with `next start` instead.
 */
const PORT = 3000;
const APP_URL = `http://127.0.0.1:${PORT}`;

async function waitForHealth(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return false;
}

/** Two costs of the development server that production does not have, tuned away (see the preload). */
function devNodeOptions(): string {
  const preload = path.join(path.dirname(fileURLToPath(import.meta.url)), "next-dev-tuning.cjs");
  return [process.env.NODE_OPTIONS, `--require ${JSON.stringify(preload)}`].filter(Boolean).join(" ");
}

async function main() {
  const mode = process.argv.includes("--prod") ? "start" : "dev";
  let embedded: EmbeddedDatabase | undefined;
  if (!env.DATABASE_URL) {
    embedded = await startEmbeddedDatabase({ dataDir: path.resolve(env.EMBEDDED_DB_DIR), port: env.EMBEDDED_DB_PORT });
    console.log(`Embedded database (PGlite) at ${embedded.url}, data in ${env.EMBEDDED_DB_DIR}/`);
  }
  const url = databaseUrl();
  const applied = await applyMigrations(url);
  if (applied.length) console.log(`Applied ${applied.length} migration(s).`);

  const db = new PrismaClient({ adapter: createAdapter(url) });
  let ghlEnv: Record<string, string> = {};
  let stopGhl: (() => Promise<void>) | undefined;
  let stopCal: (() => Promise<void>) | undefined;
  let stopAi: (() => Promise<void>) | undefined;
  let stopStripe: (() => Promise<void>) | undefined;
  try {
    if (await isDatabaseEmpty(db)) console.log(`Seeded the demo agency (${await seedDemoData(db)} rows).`);
    if (!env.GHL_CLIENT_ID) {
      const local = await startLocalGhl({ port: env.GHL_SANDBOX_PORT, appUrl: APP_URL, db, encryptionKeys: env.SECRETS_ENCRYPTION_KEYS });
      ghlEnv = local.env;
      stopGhl = () => local.sandbox.stop();
      console.log(`GoHighLevel sandbox at ${local.sandbox.url} (no GHL_CLIENT_ID set); the demo agency is connected to it.`);
    }
    if (!env.CALCOM_API_BASE_URL) {
      const cal = await startLocalCalcom({ port: env.CALCOM_SANDBOX_PORT, appUrl: APP_URL, db, encryptionKeys: env.SECRETS_ENCRYPTION_KEYS });
      Object.assign(ghlEnv, cal.env);
      stopCal = () => cal.sandbox.stop();
    }
    if (!env.AI_GATEWAY_API_KEY && !env.OPENAI_API_KEY && !env.ANTHROPIC_API_KEY) {
      const ai = await startLocalAi({ port: env.AI_SANDBOX_PORT });
      Object.assign(ghlEnv, ai.env);
      stopAi = () => ai.sandbox.stop();
      console.log(`Ask Sidecar answers from the local model stand-in at ${ai.sandbox.url} (no AI key set).`);
    }
    if (!env.STRIPE_SECRET_KEY) {
      const stripe = await startLocalStripe({ port: env.STRIPE_SANDBOX_PORT, appUrl: APP_URL, db });
      Object.assign(ghlEnv, stripe.env);
      stopStripe = () => stripe.sandbox.stop();
      console.log(`Stripe stand-in at ${stripe.sandbox.url} (no STRIPE_SECRET_KEY set); the demo agency is on a 14-day Starter trial.`);
    }
  } finally {
    // Release the connection: the embedded database serves one, and Next.js needs it.
    await db.$disconnect();
  }

  const next = spawn(process.execPath, [createRequire(import.meta.url).resolve("next/dist/bin/next"), mode, "--port", String(PORT)], {
    stdio: "inherit",
    env: { ...process.env, ...ghlEnv, NEXT_TELEMETRY_DISABLED: "1", ...(mode === "dev" ? { NODE_OPTIONS: devNodeOptions() } : {}) },
  });
  const scheduler = startLocalScheduler({ appUrl: APP_URL, cronSecret: env.CRON_SECRET, log: (line) => console.log(line) });
  const stop = async (code: number) => {
    scheduler.stop();
    if (!next.killed) next.kill("SIGTERM");
    await stopGhl?.().catch(() => undefined);
    await stopCal?.().catch(() => undefined);
    await stopAi?.().catch(() => undefined);
    await stopStripe?.().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  next.on("exit", (code) => void stop(code ?? 0));

  if (!(await waitForHealth(APP_URL, 120_000))) {
    console.error(`The app did not answer at ${APP_URL}/api/health within 2 minutes; see the log above.`);
    return;
  }
  await warmRoutes(APP_URL, firstVisitRoutes());
  console.log(readyBanner(env.APP_URL));
  // The queue first, from the seeded data (a few seconds), then the first sync, then the queue
  // again with what the sync found (the demo's failing clinic among it).
  await scheduler.runNow("/api/cron/ops-detect");
  await scheduler.runNow("/api/cron/ghl-sync");
  await scheduler.runNow("/api/cron/ops-detect");
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
