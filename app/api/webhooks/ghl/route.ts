import { kickGhlDrain } from "@/lib/ghl/webhook-drain";
import { ghlWebhookSpec } from "@/lib/ghl/webhooks";
import { webhookRoute } from "@/lib/entry/webhook-route";

export const dynamic = "force-dynamic";

export const POST = webhookRoute({ ...ghlWebhookSpec, inbox: { ...ghlWebhookSpec.inbox, accepted: kickGhlDrain } });
