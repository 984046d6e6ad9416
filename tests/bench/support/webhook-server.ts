/**
 * The process under test of bench:webhooks: the GHL webhook route as it is (acknowledge + drain,
 * with the in-process drain loop `npm start` runs) and the request-time path it replaced, each
 * served on loopback. The sender is another process (tests/bench/webhooks.ts), so what this
 * process spends per request is the route's own cost.
 *
 * Run with node --import tsx and TSX_TSCONFIG_PATH=tests/bench/tsconfig.json, with an IPC
 * channel. Commands arrive as { id, command } messages and are answered with { id, result } or
 * { id, error }; the first message sent is { ready: { oldUrl, newUrl } }. With BENCH_CPU_PROF_DIR
 * set, each burst between cpu-start and cpu-stop is written there as <label>.cpuprofile.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { serveRoute } from "../../support/serve-route";
import { POST } from "@/app/api/webhooks/ghl/route";
import { prisma } from "@/lib/db/client";
import { drainGhlInbox, startGhlDrainLoop } from "@/lib/ghl/webhook-drain";
import { ghlInboxProcessor, ghlWebhookSpec, parseGhlEvent, unsafeFindClinicByGhlLocation } from "@/lib/ghl/webhooks";
import { webhookRoute } from "@/lib/entry/webhook-route";

// The path before the inbox, rebuilt from today's pieces: an uncached tenant lookup, the
// delivery claimed in WebhookEvent, the whole event parsed and applied by the same handler
// inside the request.
const oldPost = webhookRoute({
  source: "ghl",
  verify: ghlWebhookSpec.verify,
  parse: parseGhlEvent,
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

type Command =
  | { kind: "cpu-start" }
  | { kind: "cpu-stop"; label: string }
  | { kind: "drain"; label: string }
  | { kind: "loop-start"; intervalMs: number }
  | { kind: "loop-stop" }
  | { kind: "exit" };

const send = (message: unknown) => process.send!(message);

/** With BENCH_CPU_PROF_DIR set, each measured burst is profiled on its own (one .cpuprofile per label). */
const PROFILE_DIR = process.env.BENCH_CPU_PROF_DIR;
let profiler: Session | null = null;
async function startProfile() {
  if (!PROFILE_DIR) return;
  profiler = new Session();
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.start");
}
async function stopProfile(label: string) {
  if (!profiler || !PROFILE_DIR) return;
  const { profile } = await profiler.post("Profiler.stop");
  writeFileSync(path.join(PROFILE_DIR, `${label}.cpuprofile`), JSON.stringify(profile));
  profiler.disconnect();
  profiler = null;
}

async function main() {
  const oldEndpoint = await serveRoute(oldPost);
  const newEndpoint = await serveRoute(POST);
  let cpuFrom: NodeJS.CpuUsage | null = null;
  let loop: ReturnType<typeof startGhlDrainLoop> | null = null;

  const run = async (command: Command): Promise<unknown> => {
    switch (command.kind) {
      case "cpu-start":
        await startProfile();
        cpuFrom = process.cpuUsage();
        return null;
      case "cpu-stop": {
        const { user, system } = process.cpuUsage(cpuFrom ?? undefined);
        await stopProfile(command.label);
        return { cpuMs: (user + system) / 1000 };
      }
      case "drain": {
        await startProfile();
        const started = performance.now();
        const summary = await drainGhlInbox({ budgetMs: 600_000 });
        const seconds = (performance.now() - started) / 1000;
        await stopProfile(command.label);
        return { ...summary, seconds };
      }
      case "loop-start":
        loop = startGhlDrainLoop({ intervalMs: command.intervalMs });
        return null;
      case "loop-stop":
        await loop?.stop();
        loop = null;
        return null;
      case "exit":
        await oldEndpoint.close();
        await newEndpoint.close();
        await prisma.$disconnect();
        // After the answer is out: a CPU profile (--cpu-prof) is written as the process exits.
        setImmediate(() => process.exit(0));
        return null;
    }
  };

  process.on("message", (message: { id: number; command: Command }) => {
    run(message.command).then(
      (result) => send({ id: message.id, result }),
      (err: unknown) => send({ id: message.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
  send({ ready: { oldUrl: oldEndpoint.url, newUrl: newEndpoint.url } });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
