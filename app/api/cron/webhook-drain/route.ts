import { cronRoute } from "@/lib/entry/cron-route";
import { drainOrFanOut } from "@/lib/ghl/webhook-drain";
import { pruneInbox } from "@/lib/webhooks/inbox";

export const dynamic = "force-dynamic";
/** Vercel stops a function after this long; the drain stops starting batches well before. */
export const maxDuration = 60;

export const GET = cronRoute("webhook-drain", async (now) => {
  const summary = await drainOrFanOut((maxDuration - 15) * 1000);
  const pruned = await pruneInbox("ghl", now);
  return { ...summary, pruned };
});
