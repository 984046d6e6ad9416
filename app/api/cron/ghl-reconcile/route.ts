import { cronRoute } from "@/lib/entry/cron-route";
import { env } from "@/lib/env";
import { runReconciliations } from "@/lib/ghl/sync/reconcile";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

export const GET = cronRoute("ghl-reconcile", (now) => runReconciliations(now, env.GHL_SYNC_BUDGET_MS));
