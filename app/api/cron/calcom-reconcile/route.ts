import { runCalcomReconciliations } from "@/lib/calcom/reconcile";
import { cronRoute } from "@/lib/entry/cron-route";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

export const GET = cronRoute("calcom-reconcile", (now) => runCalcomReconciliations(now, env.GHL_SYNC_BUDGET_MS));
