import type Stripe from "stripe";
import type { SubscriptionStatus } from "@/lib/generated/prisma/enums";
import { planByPriceId } from "@/lib/billing/plans";

/** How a Stripe subscription becomes the agency's one billing record (pure; lib/billing/sync.ts stores it). */

const TERMINAL: ReadonlySet<string> = new Set(["canceled", "incomplete_expired"]);
const STATUSES: ReadonlySet<string> = new Set(["trialing", "active", "past_due", "canceled", "unpaid", "incomplete", "incomplete_expired", "paused"]);

/** The customer's one live subscription, or (none live) the most recent one. */
export function currentSubscription(subscriptions: Stripe.Subscription[]): Stripe.Subscription | null {
  const newestFirst = [...subscriptions].sort((a, b) => b.created - a.created);
  return newestFirst.find((s) => !TERMINAL.has(s.status)) ?? newestFirst[0] ?? null;
}

/** Monthly recurring revenue in cents of a subscription that is being paid for (0 while trialing or ended). */
export function monthlyRevenueCents(subscription: Stripe.Subscription): number {
  if (subscription.status !== "active" && subscription.status !== "past_due") return 0;
  let total = 0;
  for (const item of subscription.items.data) {
    const amount = (item.price.unit_amount ?? 0) * (item.quantity ?? 1);
    const interval = item.price.recurring?.interval ?? "month";
    const count = item.price.recurring?.interval_count ?? 1;
    const perMonth = interval === "year" ? amount / (12 * count) : interval === "week" ? (amount * 52) / (12 * count) : interval === "day" ? (amount * 365) / (12 * count) : amount / count;
    total += perMonth;
  }
  return Math.round(total);
}

export interface SyncedBilling {
  subscriptionStatus: SubscriptionStatus;
  stripeSubscriptionId: string | null;
  stripePriceId: string | null;
  billingPlan: string | null;
  billingInterval: string | null;
  billingQuantity: number | null;
  trialEndsAt: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  subscriptionEndedAt: Date | null;
  mrrCents: number;
}

/** The record a subscription stands for. The period comes from the items (API 2025-03-31 and later). */
export function recordOf(subscription: Stripe.Subscription): SyncedBilling {
  const item = subscription.items.data[0];
  const mapped = planByPriceId(item?.price.id);
  const periodEnds = subscription.items.data.map((i) => i.current_period_end).filter((n): n is number => typeof n === "number");
  const status = STATUSES.has(subscription.status) ? (subscription.status as SubscriptionStatus) : "incomplete";
  return {
    subscriptionStatus: status,
    stripeSubscriptionId: subscription.id,
    stripePriceId: item?.price.id ?? null,
    billingPlan: mapped?.plan.key ?? null,
    billingInterval: mapped?.interval ?? item?.price.recurring?.interval ?? null,
    billingQuantity: item?.quantity ?? null,
    trialEndsAt: subscription.trial_end ? new Date(subscription.trial_end * 1000) : null,
    currentPeriodEnd: periodEnds.length ? new Date(Math.max(...periodEnds) * 1000) : null,
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    subscriptionEndedAt: subscription.ended_at ? new Date(subscription.ended_at * 1000) : null,
    mrrCents: monthlyRevenueCents(subscription),
  };
}

