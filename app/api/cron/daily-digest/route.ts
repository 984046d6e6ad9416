import { cronRoute } from "@/lib/entry/cron-route";
import { sendDailyDigests } from "@/lib/ops/digest";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

export const GET = cronRoute("daily-digest", (now) => sendDailyDigests(now));
