import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_AGENCY, DEMO_USERS } from "@/scripts/demo/data";
import { PLANS, TRIAL_DAYS } from "@/lib/billing/plans";
import { recordOf } from "@/lib/billing/record";
import { stripeOptions } from "@/lib/stripe/options";
import { startStripeSandbox } from "@/tests/sandboxes/stripe";

/** Every plan's monthly and yearly Price, as the stand-in holds them (ids from lib/billing/plans.ts). */
export function sandboxPrices() {
  return PLANS.flatMap((plan) =>
    (["month", "year"] as const).map((interval) => ({
      id: plan.prices[interval].priceId,
      unitAmount: plan.prices[interval].amountCents,
      interval,
      nickname: `Sidecar ${plan.name} (${interval === "month" ? "monthly" : "yearly"})`,
    })),
  );
}

/**
 * Stripe for local runs: the stand-in on loopback holding the plans' prices, sending its events
 * to the app's /api/webhooks/stripe, and (unless `demoSubscription` is false) the demo agency as a
 * customer on a 14-day Starter trial without a card, stored on the agency as a sync would.
 */
export async function startLocalStripe(options: { port: number; appUrl: string; db: PrismaClient; demoSubscription?: boolean }) {
  const webhookSecret = `whsec_${randomBytes(24).toString("hex")}`;
  const sandbox = await startStripeSandbox({ port: options.port, webhookUrl: new URL("/api/webhooks/stripe", options.appUrl).toString(), webhookSecret, prices: sandboxPrices() });
  const demo = await options.db.organization.findUnique({ where: { id: DEMO_AGENCY.id } });
  if (demo) {
    if (options.demoSubscription === false) {
      await options.db.organization.update({ where: { id: demo.id }, data: { stripeCustomerId: null, stripeSubscriptionId: null, billingPlan: null, subscriptionStatus: "trialing", trialEndsAt: null } });
    } else {
      const owner = DEMO_USERS.find((u) => u.organizationId === DEMO_AGENCY.id && u.role === "agency_owner");
      const customer = sandbox.addCustomer({ name: DEMO_AGENCY.name, email: owner?.email ?? "owner@example.com", metadata: { organizationId: demo.id } });
      const seeded = sandbox.seedSubscription({ customer: customer.id, priceId: PLANS[0]!.prices.month.priceId, trialDays: TRIAL_DAYS });
      const stripe = new Stripe(sandbox.apiKey, stripeOptions(sandbox.url, 5_000));
      const subscription = await stripe.subscriptions.retrieve(seeded.id);
      await options.db.organization.update({ where: { id: demo.id }, data: { stripeCustomerId: customer.id, ...recordOf(subscription), pastDueSince: null, billingSyncedAt: new Date() } });
    }
  }
  return { sandbox, env: { STRIPE_SECRET_KEY: sandbox.apiKey, STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_BASE_URL: sandbox.url } };
}
