import "server-only";
import { after } from "next/server";
import { ghlInboxProcessor } from "@/lib/ghl/webhooks";
import { log } from "@/lib/log";
import { clinicsWithWork, drainInbox, type DrainOptions, type DrainSummary, type InboxClinic } from "@/lib/webhooks/inbox";
import { isQstashConfigured, publishDrainJob, publishDrainJobSoon } from "@/lib/webhooks/qstash";

/**
 * Where GHL's inbox is drained:
 * - a server that keeps running (`npm run dev`, `npm start`): a loop in the process
 *   (`startGhlDrainLoop`, from instrumentation.ts) that an accepted event wakes at once;
 * - serverless (Vercel): right after the response that accepted an event (Next's `after()`), and
 *   every minute from /api/cron/webhook-drain for whatever is left;
 * - with QStash configured: each batch is a signed job to /api/qstash/webhook-drain.
 * Any number of these may run at once: the drain itself keeps one clinic to one drainer.
 */

export function drainGhlInbox(options: DrainOptions = {}): Promise<DrainSummary> {
  return drainInbox(ghlInboxProcessor, options);
}

/** One drain at a time in this process; a kick during one asks for another round after it. */
let running: Promise<void> | null = null;
let again = false;

function drainHere(budgetMs: number): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        await drainGhlInbox({ budgetMs });
      } while (again);
    } catch (err) {
      log.error({ err }, "webhook drain failed");
    } finally {
      running = null;
    }
  })();
  return running;
}

interface DrainLoop {
  wake(): void;
  stop(): Promise<void>;
}

let loop: DrainLoop | null = null;

/** The in-process drain loop: drains, sleeps `intervalMs` (or until woken), drains again. */
export function startGhlDrainLoop(options: { intervalMs?: number } = {}): DrainLoop {
  if (loop) return loop;
  const intervalMs = options.intervalMs ?? 1_000;
  let stopped = false;
  let woken = false;
  let wakeUp: (() => void) | null = null;
  const run = async () => {
    while (!stopped) {
      woken = false;
      await drainHere(10_000);
      if (woken || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  };
  const done = run();
  const current: DrainLoop = {
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await done;
      if (loop === current) loop = null;
    },
  };
  loop = current;
  log.info({ intervalMs }, "webhook drain loop started");
  return current;
}

/**
 * After an event was accepted: wake this process's loop; or else, once the response is sent
 * (Next's `after()`), publish a QStash drain job for the clinic when QStash is configured, or
 * drain here. Outside a request (scripts, tests) there is nothing to hook into: the loop, the
 * cron or QStash drains then.
 */
export function kickGhlDrain(clinic: InboxClinic): void {
  if (loop) {
    loop.wake();
    return;
  }
  try {
    after(() => (isQstashConfigured() ? publishDrainJobSoon(clinic) : drainHere(20_000)));
  } catch {
    // Not within a request.
  }
}

/**
 * The cron's part: with QStash, one job per clinic that has events waiting; without, drain here
 * within the budget.
 */
export async function drainOrFanOut(budgetMs: number): Promise<Record<string, number>> {
  if (!isQstashConfigured()) return { ...(await drainGhlInbox({ budgetMs })) };
  const clinics = await clinicsWithWork("ghl", new Date(), 1_000);
  for (const clinic of clinics) await publishDrainJob(clinic);
  return { published: clinics.length };
}
