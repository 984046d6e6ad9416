import "server-only";
import type Stripe from "stripe";
import { z } from "zod";
import type { OrgContext } from "@/lib/auth/context";
import { systemDb } from "@/lib/db/system";
import { env } from "@/lib/env";
import { NotFoundError, UserError } from "@/lib/errors";
import { billingPath, entitlementOf, BILLING_FACTS_SELECT, type BillingFacts } from "@/lib/billing/entitlements";
import { PLAN_KEYS, PLANS, planByKey, type BillingInterval } from "@/lib/billing/plans";
import { currentSubscription } from "@/lib/billing/record";
import { syncBilling } from "@/lib/billing/sync";
import { stripeClient } from "@/lib/stripe/client";

/**
 * What an owner does in Settings → Billing. Everything names the agency's own Stripe customer,
 * stored on the Organization; nothing takes a customer or subscription id from the browser.
 */

type Ctx = Pick<OrgContext, "organization" | "user" | "db">;

export const ZStartCheckoutInput = z.object({
  plan: z.enum(PLAN_KEYS),
  interval: z.enum(["month", "year"]).default("month"),
});

function stripeOrRefuse(): Stripe {
  const stripe = stripeClient();
  if (!stripe) throw new UserError("billing_not_configured", "Billing is not set up on this Sidecar yet (no Stripe key).");
  return stripe;
}

function absolute(path: string): string {
  return new URL(path, env.APP_URL).toString();
}

/** The agency's Stripe customer, created once (before any Checkout) and stored on the agency. */
export async function ensureCustomer(ctx: Ctx, stripe: Stripe): Promise<string> {
  const directory = systemDb("orgs.directory");
  const org = await directory.organization.findUniqueOrThrow({ where: { id: ctx.organization.id }, select: { stripeCustomerId: true } });
  if (org.stripeCustomerId) return org.stripeCustomerId;
  const customer = await stripe.customers.create(
    { name: ctx.organization.name, email: ctx.user.email, metadata: { organizationId: ctx.organization.id } },
    // Two owners pressing at once get the same customer from Stripe.
    { idempotencyKey: `sidecar-customer-${ctx.organization.id}` },
  );
  await directory.organization.updateMany({ where: { id: ctx.organization.id, stripeCustomerId: null }, data: { stripeCustomerId: customer.id } });
  const stored = await directory.organization.findUniqueOrThrow({ where: { id: ctx.organization.id }, select: { stripeCustomerId: true } });
  return stored.stripeCustomerId!;
}

/**
 * The trial a first Checkout carries: what is left of Sidecar's own trial, in whole days (Stripe's
 * unit, at least 1), so subscribing neither shortens nor restarts it. None once it has ended or
 * after a Stripe subscription: then Checkout asks for a card, as after an ended Stripe trial.
 */
export function checkoutTrialDays(facts: BillingFacts, now: Date): number | null {
  if (facts.stripeSubscriptionId) return null;
  const entitlement = entitlementOf(facts, now);
  return entitlement.state === "trialing" && entitlement.trialDaysLeft !== null ? Math.max(1, entitlement.trialDaysLeft) : null;
}

/**
 * Checkout for the agency's one subscription: the rest of the free trial without a card for an
 * agency that never had one (payment_method_collection if_required; a trial that ends without a
 * card cancels), otherwise a paid subscription. Refused while the agency has a live subscription
 * (the portal changes its plan) and for a plan smaller than the agency's clinics.
 */
export async function startCheckout(ctx: Ctx, input: z.output<typeof ZStartCheckoutInput>, now = new Date()): Promise<{ url: string }> {
  const stripe = stripeOrRefuse();
  const plan = planByKey(input.plan)!;
  const interval: BillingInterval = input.interval;
  const clinics = await ctx.db.location.count();
  if (plan.clinicLimit !== null && clinics > plan.clinicLimit) {
    throw new UserError("plan_limit", `The ${plan.name} plan includes up to ${plan.clinicLimit} clinics and the agency has ${clinics}. Choose a larger plan.`, "plan");
  }
  const customer = await ensureCustomer(ctx, stripe);
  const existing = await stripe.subscriptions.list({ customer, status: "all", limit: 20 });
  const live = currentSubscription(existing.data);
  if (live && live.status !== "canceled" && live.status !== "incomplete_expired") {
    throw new UserError("subscription_exists", "This agency already has a subscription. Change its plan, card or cancellation in the customer portal.");
  }
  const facts = await systemDb("orgs.directory").organization.findUniqueOrThrow({ where: { id: ctx.organization.id }, select: BILLING_FACTS_SELECT });
  const trialDays = existing.data.length === 0 ? checkoutTrialDays(facts, now) : null;
  const base = billingPath(ctx.organization.slug);
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer,
    client_reference_id: ctx.organization.id,
    line_items: [{ price: plan.prices[interval].priceId, quantity: 1 }],
    payment_method_collection: trialDays ? "if_required" : "always",
    subscription_data: trialDays
      ? { trial_period_days: trialDays, trial_settings: { end_behavior: { missing_payment_method: "cancel" } }, metadata: { organizationId: ctx.organization.id } }
      : { metadata: { organizationId: ctx.organization.id } },
    success_url: `${absolute(`${base}/return`)}?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: absolute(`${base}?checkout=canceled`),
  });
  if (!session.url) throw new Error("Stripe returned a Checkout session without a URL");
  return { url: session.url };
}

/** A short-lived customer-portal session (plan, card, cancellation); the URL is never logged. */
export async function openPortal(ctx: Ctx): Promise<{ url: string }> {
  const stripe = stripeOrRefuse();
  const org = await systemDb("orgs.directory").organization.findUniqueOrThrow({ where: { id: ctx.organization.id }, select: { stripeCustomerId: true } });
  if (!org.stripeCustomerId) throw new UserError("no_subscription", "Start a subscription first; the portal manages an existing one.");
  const session = await stripe.billingPortal.sessions.create({ customer: org.stripeCustomerId, return_url: absolute(billingPath(ctx.organization.slug)) });
  return { url: session.url };
}

/** Back from Checkout: the session must be the agency's own; the subscription is synced at once (the webhook may come later). */
export async function completeCheckoutReturn(ctx: Ctx, sessionId: string | null): Promise<void> {
  const stripe = stripeOrRefuse();
  if (!sessionId || !/^cs_[A-Za-z0-9_]{1,200}$/.test(sessionId)) throw new NotFoundError();
  const org = await systemDb("orgs.directory").organization.findUniqueOrThrow({ where: { id: ctx.organization.id }, select: { stripeCustomerId: true } });
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.retrieve(sessionId);
  } catch (err) {
    if (err instanceof Error && "statusCode" in err && (err as { statusCode?: number }).statusCode === 404) throw new NotFoundError();
    throw err;
  }
  const customer = typeof session.customer === "string" ? session.customer : session.customer?.id;
  if (!org.stripeCustomerId || customer !== org.stripeCustomerId) throw new NotFoundError();
  await syncBilling(ctx.organization.id);
}

export interface InvoiceRow {
  id: string;
  number: string | null;
  created: Date;
  amountDueCents: number;
  amountPaidCents: number;
  currency: string;
  status: string | null;
}

export async function listInvoices(organizationId: string): Promise<InvoiceRow[]> {
  const stripe = stripeClient();
  if (!stripe) return [];
  const org = await systemDb("orgs.directory").organization.findUniqueOrThrow({ where: { id: organizationId }, select: { stripeCustomerId: true } });
  if (!org.stripeCustomerId) return [];
  const invoices = await stripe.invoices.list({ customer: org.stripeCustomerId, limit: 12 });
  return invoices.data.map((i) => ({
    id: i.id!,
    number: i.number,
    created: new Date(i.created * 1000),
    amountDueCents: i.amount_due,
    amountPaidCents: i.amount_paid,
    currency: i.currency,
    status: i.status,
  }));
}

/** One of the agency's own invoices on Stripe's hosted page; another customer's is 404, like a missing one. */
export async function invoiceUrl(ctx: Ctx, invoiceId: string): Promise<string> {
  const stripe = stripeOrRefuse();
  if (!/^in_[A-Za-z0-9_]{1,200}$/.test(invoiceId)) throw new NotFoundError();
  const org = await systemDb("orgs.directory").organization.findUniqueOrThrow({ where: { id: ctx.organization.id }, select: { stripeCustomerId: true } });
  let invoice: Stripe.Invoice;
  try {
    invoice = await stripe.invoices.retrieve(invoiceId);
  } catch (err) {
    if (err instanceof Error && "statusCode" in err && (err as { statusCode?: number }).statusCode === 404) throw new NotFoundError();
    throw err;
  }
  const customer = typeof invoice.customer === "string" ? invoice.customer : invoice.customer?.id;
  if (!org.stripeCustomerId || customer !== org.stripeCustomerId || !invoice.hosted_invoice_url) throw new NotFoundError();
  return invoice.hosted_invoice_url;
}

/** The Settings → Billing page's facts, from the synced record. */
export async function billingOverview(organizationId: string, now = new Date()) {
  const org = await systemDb("orgs.directory").organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { ...BILLING_FACTS_SELECT, stripeCustomerId: true, billingInterval: true, billingQuantity: true, mrrCents: true, billingSyncedAt: true },
  });
  const entitlement = entitlementOf(org, now);
  const plan = entitlement.plan;
  const interval = (org.billingInterval === "year" ? "year" : "month") as BillingInterval;
  const amount = plan ? plan.prices[interval].amountCents * (org.billingQuantity ?? 1) : null;
  const renews = entitlement.state === "trialing" ? org.trialEndsAt : entitlement.state === "active" || entitlement.state === "past_due" ? org.currentPeriodEnd : null;
  // Sidecar's own trial bills nothing by itself: an invoice comes only from a subscription.
  const nextInvoice = org.stripeSubscriptionId && renews && amount !== null && !org.cancelAtPeriodEnd ? { date: renews, amountCents: amount } : null;
  return {
    entitlement,
    /** What a Checkout started now would carry of the free trial (days), or null: a card is needed. */
    checkoutTrialDays: checkoutTrialDays(org, now),
    status: org.stripeSubscriptionId ? org.subscriptionStatus : null,
    interval: org.stripeSubscriptionId ? interval : null,
    hasCustomer: Boolean(org.stripeCustomerId),
    trialEndsAt: org.trialEndsAt,
    currentPeriodEnd: org.currentPeriodEnd,
    cancelAtPeriodEnd: org.cancelAtPeriodEnd,
    nextInvoice,
    syncedAt: org.billingSyncedAt,
    plans: PLANS,
  };
}

