import { cronRoute } from "@/lib/entry/cron-route";
import { runDetectorsForAllAgencies } from "@/lib/ops/runner";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/**
 * The queue's own tick, five minutes after each sync tick: the sync cron runs the detectors
 * too when it has time left, but a clinic whose GHL keeps failing can spend the sync's whole
 * function on retries, and that is exactly when the queue must still be checked.
 */
export const GET = cronRoute("ops-detect", (now) => runDetectorsForAllAgencies(now, now.getTime() + (maxDuration - 5) * 1000));
