import { cronRoute } from "@/lib/entry/cron-route";
import { runPreventionForAllAgencies } from "@/lib/prevention/run";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** No-show prevention: confirmation texts, unanswered deadlines, waitlist offers (every 5 minutes in vercel.json). */
export const GET = cronRoute("prevention", (now) => runPreventionForAllAgencies(now, now.getTime() + (maxDuration - 10) * 1000));
