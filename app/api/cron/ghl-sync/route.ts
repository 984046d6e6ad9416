import { cronRoute } from "@/lib/entry/cron-route";
import { env } from "@/lib/env";
import { runDueSyncs } from "@/lib/ghl/sync/run-due";
import { runDetectorsForAllAgencies } from "@/lib/ops/runner";

export const dynamic = "force-dynamic";
/** Vercel stops a function after this long; the sync's budget stays below it. */
export const maxDuration = 60;

export const GET = cronRoute("ghl-sync", async (now) => {
  const { due, synced } = await runDueSyncs(now, env.GHL_SYNC_BUDGET_MS);
  // The queue follows the sync: every agency's detectors run on what was just synced, within the function's time.
  const queue = await runDetectorsForAllAgencies(new Date(), now.getTime() + (maxDuration - 5) * 1000);
  return {
    queue,
    due,
    synced: synced.length,
    completed: synced.filter((s) => s.status === "completed").length,
    partial: synced.filter((s) => s.status === "partial").length,
    failed: synced.filter((s) => s.status === "failed").length,
  };
});
