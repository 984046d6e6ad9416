import { stripeWebhookSpec } from "@/lib/billing/webhooks";
import { webhookRoute } from "@/lib/entry/webhook-route";

export const dynamic = "force-dynamic";

export const POST = webhookRoute(stripeWebhookSpec);
