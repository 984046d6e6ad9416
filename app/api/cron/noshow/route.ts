import { cronRoute } from "@/lib/entry/cron-route";
import { runNoShowForAllAgencies } from "@/lib/noshow/run";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** Hourly: every agency's upcoming appointments get a no-show score; the model is retrained once a day (lib/noshow/run.ts). */
export const GET = cronRoute("noshow", (now) => runNoShowForAllAgencies(now, now.getTime() + (maxDuration - 10) * 1000));
