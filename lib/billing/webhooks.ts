import "server-only";
import Stripe from "stripe";
import { z } from "zod";
import { systemDb } from "@/lib/db/system";
import { env } from "@/lib/env";
import type { WebhookSpec } from "@/lib/entry/webhook-route";
import { mailPaymentFailed, mailTrialEndingOnce, syncBilling } from "@/lib/billing/sync";
import { STRIPE_SIGNATURE_TOLERANCE_S, stripeClient } from "@/lib/stripe/client";

/**
 * Stripe webhooks through the shared pipeline: `Stripe-Signature` checked by the stripe library
 * on the raw body (300 s tolerance), the tenant from the Stripe customer id Sidecar stored itself,
 * the event id claimed once (WebhookEvent), then every relevant event does the same thing: re-read
 * the subscription from Stripe and sync the one record. Two events also mail the owners.
 */

export const RELEVANT_STRIPE_EVENTS = [
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "customer.subscription.paused",
  "customer.subscription.resumed",
  "customer.subscription.trial_will_end",
  "invoice.paid",
  "invoice.payment_failed",
  "invoice.payment_action_required",
] as const;

const ZStripeEvent = z.object({
  id: z.string().min(1).max(255),
  object: z.literal("event"),
  type: z.string().min(1).max(128),
  data: z.object({
    object: z
      .object({
        object: z.string(),
        customer: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
        amount_due: z.number().int().optional(),
        currency: z.string().optional(),
        hosted_invoice_url: z.string().nullish(),
      })
      .loose(),
  }),
});

export interface StripeWebhookEvent {
  deliveryId: string;
  type: string;
  customerId: string | null;
  invoice: { amountDue: number; currency: string; hostedUrl: string | null } | null;
}

export function parseStripeEvent(raw: string): StripeWebhookEvent {
  const event = ZStripeEvent.parse(JSON.parse(raw));
  const object = event.data.object;
  const customer = typeof object.customer === "string" ? object.customer : (object.customer?.id ?? null);
  return {
    deliveryId: event.id,
    type: event.type,
    customerId: customer,
    invoice: object.object === "invoice" ? { amountDue: object.amount_due ?? 0, currency: object.currency ?? "usd", hostedUrl: object.hosted_invoice_url ?? null } : null,
  };
}

// Only the signature helpers are used: no request leaves through this instance.
const verifier = new Stripe("sk_signature_checks_only", { telemetry: false });

export function verifyStripeSignature(raw: Buffer, header: string | null, secret: string | undefined): boolean {
  if (!secret || !header) return false;
  try {
    verifier.webhooks.constructEvent(raw, header, secret, STRIPE_SIGNATURE_TOLERANCE_S);
    return true;
  } catch (err) {
    if (err instanceof Stripe.errors.StripeSignatureVerificationError) return false;
    throw err;
  }
}

export const stripeWebhookSpec: WebhookSpec<StripeWebhookEvent> = {
  source: "stripe",
  verify: (raw, headers) => verifyStripeSignature(raw, headers.get("stripe-signature"), env.STRIPE_WEBHOOK_SECRET),
  parse: parseStripeEvent,
  async resolveTenant(event) {
    if (!event.customerId || !(RELEVANT_STRIPE_EVENTS as readonly string[]).includes(event.type)) return null;
    const org = await systemDb("stripe.webhook-tenant").organization.findFirst({ where: { stripeCustomerId: event.customerId, type: "agency" }, select: { id: true } });
    return org ? { organizationId: org.id } : null;
  },
  async handle(event, _db, tenant) {
    if (!stripeClient()) throw new Error("STRIPE_SECRET_KEY is not set: cannot re-read the subscription");
    await syncBilling(tenant.organizationId);
    if (event.type === "customer.subscription.trial_will_end") await mailTrialEndingOnce(tenant.organizationId);
    if (event.type === "invoice.payment_failed" && event.invoice) await mailPaymentFailed(tenant.organizationId, event.invoice);
  },
};
