import type { SubscriptionStatus } from "@/lib/generated/prisma/enums";
import { entitlementOf, type BillingFacts, type BillingState } from "@/lib/billing/entitlements";
import { planByKey } from "@/lib/billing/plans";

/** The business at a glance for /platform: each agency's billing line and the totals. */

export interface AgencyBillingFacts extends BillingFacts {
  mrrCents: number;
  subscriptionEndedAt: Date | null;
}

export interface AgencyBillingLine {
  planName: string | null;
  state: BillingState;
  status: SubscriptionStatus | null;
  mrrCents: number;
  trialEndsAt: Date | null;
  readOnly: boolean;
}

export function agencyBillingLine(facts: AgencyBillingFacts, now: Date): AgencyBillingLine {
  const entitlement = entitlementOf(facts, now);
  return {
    planName: planByKey(facts.billingPlan)?.name ?? null,
    state: entitlement.state,
    status: facts.stripeSubscriptionId ? facts.subscriptionStatus : null,
    mrrCents: facts.mrrCents,
    trialEndsAt: entitlement.state === "trialing" ? facts.trialEndsAt : null,
    readOnly: entitlement.access === "read_only",
  };
}

export interface BillingTotals {
  mrrCents: number;
  trials: number;
  pastDue: number;
  /** Subscriptions that ended this calendar month (UTC). */
  churnedThisMonth: number;
  paying: number;
}

export function billingTotals(agencies: AgencyBillingFacts[], now: Date): BillingTotals {
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const totals: BillingTotals = { mrrCents: 0, trials: 0, pastDue: 0, churnedThisMonth: 0, paying: 0 };
  for (const facts of agencies) {
    if (!facts.stripeSubscriptionId) continue;
    const status = facts.subscriptionStatus;
    if (status === "active" || status === "past_due") {
      totals.mrrCents += facts.mrrCents;
      totals.paying++;
    }
    if (status === "trialing" && entitlementOf(facts, now).state === "trialing") totals.trials++;
    if (status === "past_due") totals.pastDue++;
    if ((status === "canceled" || status === "incomplete_expired") && facts.subscriptionEndedAt && facts.subscriptionEndedAt.getTime() >= monthStart) totals.churnedThisMonth++;
  }
  return totals;
}
