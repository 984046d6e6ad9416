import { syncAllBilling } from "@/lib/billing/sync";
import { cronRoute } from "@/lib/entry/cron-route";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** Nightly: every agency's subscription re-read from Stripe (whatever webhooks were missed), and trial reminders. */
export const GET = cronRoute("billing-sync", (now) => syncAllBilling(now));
