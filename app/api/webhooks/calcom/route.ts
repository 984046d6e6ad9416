import { calcomWebhookSpec } from "@/lib/calcom/webhooks";
import { webhookRoute } from "@/lib/entry/webhook-route";

export const dynamic = "force-dynamic";

export const POST = webhookRoute(calcomWebhookSpec);
