import { calcomWebhookSpec } from "@/lib/calcom/webhooks";
import { webhookRoute } from "@/lib/webhooks/webhook-route";

export const dynamic = "force-dynamic";

export const POST = webhookRoute(calcomWebhookSpec);
