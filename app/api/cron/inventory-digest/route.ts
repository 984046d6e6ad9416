import { cronRoute } from "@/lib/cron/cron-route";
import { sendInventoryDigests } from "@/lib/inventory/digest";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

export const GET = cronRoute("inventory-digest", (now) => sendInventoryDigests(now));
