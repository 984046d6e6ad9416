import { env } from "@/lib/env";

/**
 * A server that keeps running drains the webhook inbox in-process. On Vercel a function lives
 * only for its request: `after()` and the webhook-drain cron do it there.
 */
export function startWebhookDrain() {
  if (env.VERCEL || env.NODE_ENV === "test") return;
  void import("@/lib/ghl/webhook-drain").then(({ startGhlDrainLoop }) => startGhlDrainLoop());
}
