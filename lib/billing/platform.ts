import type { Prisma } from "@/lib/generated/prisma/client";
import type { SubscriptionStatus } from "@/lib/generated/prisma/enums";
import { entitlementOf, subscriptionStateWhere, BILLING_FACTS_SELECT, type BillingFacts, type SubscriptionState } from "@/lib/billing/entitlements";
import { planByKey } from "@/lib/billing/plans";

/** The business at a glance for /platform: each agency's billing line, and what the totals count. */

export const AGENCY_BILLING_SELECT = { ...BILLING_FACTS_SELECT, mrrCents: true, subscriptionEndedAt: true } as const;

export interface AgencyBillingFacts extends BillingFacts {
  mrrCents: number;
  subscriptionEndedAt: Date | null;
}

export interface AgencyBillingLine {
  planName: string | null;
  state: SubscriptionState;
  /** Stripe's status; null before the agency's first Checkout (Sidecar's own trial). */
  status: SubscriptionStatus | null;
  mrrCents: number;
  trialEndsAt: Date | null;
  readOnly: boolean;
}

export function agencyBillingLine(facts: AgencyBillingFacts, now: Date): AgencyBillingLine {
  const entitlement = entitlementOf(facts, now);
  return {
    planName: planByKey(facts.billingPlan)?.name ?? null,
    state: entitlement.state as SubscriptionState,
    status: facts.stripeSubscriptionId ? facts.subscriptionStatus : null,
    mrrCents: facts.mrrCents,
    trialEndsAt: entitlement.state === "trialing" ? facts.trialEndsAt : null,
    readOnly: entitlement.access === "read_only",
  };
}

export interface BillingTotals {
  mrrCents: number;
  /** Live trials: Stripe's and Sidecar's own before a first Checkout. */
  trials: number;
  pastDue: number;
  /** Subscriptions that ended this calendar month (UTC). */
  churnedThisMonth: number;
  paying: number;
}

/** What each total counts, as filters on agencies (MRR is the sum over `paying`). */
export function billingTotalsWhere(now: Date): Record<Exclude<keyof BillingTotals, "mrrCents">, Prisma.OrganizationWhereInput> {
  const subscribed = { stripeSubscriptionId: { not: null } };
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return {
    paying: { ...subscribed, subscriptionStatus: { in: ["active", "past_due"] } },
    trials: subscriptionStateWhere("trialing", now),
    pastDue: { ...subscribed, subscriptionStatus: "past_due" },
    churnedThisMonth: { ...subscribed, subscriptionStatus: { in: ["canceled", "incomplete_expired"] }, subscriptionEndedAt: { gte: monthStart } },
  };
}
