import "server-only";
import { systemDb } from "@/lib/db/system";
import { env } from "@/lib/env";
import { UserError } from "@/lib/errors";
import type { SubscriptionStatus } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { PAST_DUE_GRACE_DAYS, planByKey, planFor, type Plan } from "@/lib/billing/plans";

/**
 * The one place that decides what an agency's subscription allows. Everything else asks here:
 * the action wrapper (writes refused while read-only), adding clinics (the plan's limit), and the
 * banners of the agency's pages.
 *
 * - billing not configured (no Stripe key): full, nothing is charged ("unbilled");
 * - no Stripe subscription yet: Sidecar's own trial, until the agency's trialEndsAt (every agency
 *   gets one when it is created: the column's default, TRIAL_DAYS after creation). Before it, the
 *   same as a Stripe trial ("trialing"); from that instant on, the same as a Stripe trial that
 *   ended ("trial_expired"). No trialEndsAt at all means no trial left: only an explicit write can
 *   leave one empty (the migration that added the default filled every legacy row);
 * - trialing, active: full;
 * - past_due: full, with a banner for owners, for PAST_DUE_GRACE_DAYS from when it first went past due;
 * - past_due after the grace, unpaid, canceled, paused (a trial that ended without a card),
 *   incomplete, incomplete_expired, or a trial whose end has passed: read-only.
 * Read-only refuses every write action; reads, exports, sign-in, GHL webhooks and sync go on.
 */

export interface BillingFacts {
  subscriptionStatus: SubscriptionStatus;
  stripeSubscriptionId: string | null;
  trialEndsAt: Date | null;
  pastDueSince: Date | null;
  billingPlan: string | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
}

/** What an agency's stored billing facts say, billing configured. */
export type SubscriptionState = "trialing" | "active" | "past_due" | "trial_expired" | "grace_over" | "canceled" | "unpaid" | "paused" | "incomplete";
/** "unbilled": billing is not configured on this Sidecar, so nothing is charged or limited. */
export type BillingState = "unbilled" | SubscriptionState;

export const SUBSCRIPTION_STATES = ["trialing", "active", "past_due", "trial_expired", "grace_over", "canceled", "unpaid", "paused", "incomplete"] as const satisfies readonly SubscriptionState[];

export interface Entitlement {
  state: BillingState;
  access: "full" | "read_only";
  /** A Stripe subscription exists (false: Sidecar's own trial, before a first Checkout). */
  subscribed: boolean;
  plan: Plan | null;
  /** Most clinics allowed; null: no limit. */
  clinicLimit: number | null;
  trialDaysLeft: number | null;
  /** past_due: when writes stop. */
  graceEndsAt: Date | null;
  /** Why writes are refused, as the refusal and the banner say it (read-only only). */
  reason: string | null;
}

const DAY = 86_400_000;

const READ_ONLY_REASONS: Record<Exclude<SubscriptionState, "trialing" | "active" | "past_due">, string> = {
  trial_expired: "the free trial has ended",
  grace_over: "the last payment failed and the grace period is over",
  canceled: "the subscription was canceled",
  unpaid: "the subscription is unpaid",
  paused: "the free trial ended without a payment method",
  incomplete: "the first payment has not gone through",
};

const trialRunning = (trialEndsAt: Date | null, now: Date) => trialEndsAt !== null && trialEndsAt.getTime() > now.getTime();

export function billingStateOf(facts: BillingFacts, now: Date): SubscriptionState {
  if (!facts.stripeSubscriptionId) return trialRunning(facts.trialEndsAt, now) ? "trialing" : "trial_expired";
  switch (facts.subscriptionStatus) {
    case "trialing":
      // Stripe's trial with no end on record: Stripe says trialing, so it is.
      return facts.trialEndsAt === null || trialRunning(facts.trialEndsAt, now) ? "trialing" : "trial_expired";
    case "active":
      return "active";
    case "past_due": {
      const since = facts.pastDueSince ?? now;
      return now.getTime() - since.getTime() > PAST_DUE_GRACE_DAYS * DAY ? "grace_over" : "past_due";
    }
    case "canceled":
    case "incomplete_expired":
      return "canceled";
    case "unpaid":
      return "unpaid";
    case "paused":
      return "paused";
    case "incomplete":
      return "incomplete";
  }
}

/**
 * The same decision as `billingStateOf`, as a filter on Organization rows, so that lists and
 * totals can ask the database (tests/integration/platform-agencies.test.ts holds the two to agreeing).
 */
export function subscriptionStateWhere(state: SubscriptionState, now: Date): Prisma.OrganizationWhereInput {
  const subscribed = { stripeSubscriptionId: { not: null } };
  const graceStart = new Date(now.getTime() - PAST_DUE_GRACE_DAYS * DAY);
  switch (state) {
    case "trialing":
      return {
        OR: [
          { stripeSubscriptionId: null, trialEndsAt: { gt: now } },
          { ...subscribed, subscriptionStatus: "trialing", OR: [{ trialEndsAt: null }, { trialEndsAt: { gt: now } }] },
        ],
      };
    case "trial_expired":
      return {
        OR: [
          { stripeSubscriptionId: null, OR: [{ trialEndsAt: null }, { trialEndsAt: { lte: now } }] },
          { ...subscribed, subscriptionStatus: "trialing", trialEndsAt: { lte: now } },
        ],
      };
    case "past_due":
      return { ...subscribed, subscriptionStatus: "past_due", OR: [{ pastDueSince: null }, { pastDueSince: { gte: graceStart } }] };
    case "grace_over":
      return { ...subscribed, subscriptionStatus: "past_due", pastDueSince: { lt: graceStart } };
    case "canceled":
      return { ...subscribed, subscriptionStatus: { in: ["canceled", "incomplete_expired"] } };
    case "active":
    case "unpaid":
    case "paused":
    case "incomplete":
      return { ...subscribed, subscriptionStatus: state };
  }
}

export function entitlementOf(facts: BillingFacts, now: Date): Entitlement {
  const state = billingStateOf(facts, now);
  const plan = planByKey(facts.billingPlan);
  const full = state === "trialing" || state === "active" || state === "past_due";
  return {
    state,
    access: full ? "full" : "read_only",
    subscribed: Boolean(facts.stripeSubscriptionId),
    plan,
    // Sidecar's own trial has no plan yet: the plan's limit applies from the first Checkout.
    clinicLimit: facts.stripeSubscriptionId && plan ? plan.clinicLimit : null,
    trialDaysLeft: state === "trialing" && facts.trialEndsAt ? Math.max(0, Math.ceil((facts.trialEndsAt.getTime() - now.getTime()) / DAY)) : null,
    graceEndsAt: state === "past_due" ? new Date((facts.pastDueSince ?? now).getTime() + PAST_DUE_GRACE_DAYS * DAY) : null,
    reason: full ? null : READ_ONLY_REASONS[state as keyof typeof READ_ONLY_REASONS],
  };
}

export const BILLING_FACTS_SELECT = {
  subscriptionStatus: true,
  stripeSubscriptionId: true,
  trialEndsAt: true,
  pastDueSince: true,
  billingPlan: true,
  currentPeriodEnd: true,
  cancelAtPeriodEnd: true,
} as const;

export async function loadEntitlement(organizationId: string, now = new Date()): Promise<Entitlement> {
  const facts = await systemDb("orgs.directory").organization.findUniqueOrThrow({ where: { id: organizationId }, select: BILLING_FACTS_SELECT });
  // Billing switched off (no Stripe key): nothing is charged, so nothing is limited either.
  if (!env.STRIPE_SECRET_KEY) return { state: "unbilled", access: "full", subscribed: Boolean(facts.stripeSubscriptionId), plan: planByKey(facts.billingPlan), clinicLimit: null, trialDaysLeft: null, graceEndsAt: null, reason: null };
  return entitlementOf(facts, now);
}

export function billingPath(slug: string): string {
  return `/agency/${slug}/admin/settings/billing`;
}

export class ReadOnlyError extends UserError {
  constructor(readonly reason: string, readonly href: string) {
    super("billing_read_only", `Sidecar is read-only for this agency because ${reason}. Nothing was changed. An owner can restore full access in Settings → Billing (${href}).`);
    this.name = "ReadOnlyError";
  }
}

/** Throws the read-only refusal when the agency may not write. Called by the action wrapper for every agency action. */
export async function assertWritable(organization: { id: string; slug: string }, now = new Date()): Promise<void> {
  const entitlement = await loadEntitlement(organization.id, now);
  if (entitlement.access === "read_only") throw new ReadOnlyError(entitlement.reason ?? "of its subscription", billingPath(organization.slug));
}

/** The plan limit on clinics: refuses a change that would leave the agency with more clinics than its plan allows. */
export function assertClinicCapacity(entitlement: Entitlement, clinicsAfter: number): void {
  if (entitlement.clinicLimit === null || clinicsAfter <= entitlement.clinicLimit) return;
  const next = planFor(clinicsAfter);
  const planName = entitlement.plan?.name ?? "current";
  throw new UserError(
    "plan_limit",
    `The ${planName} plan includes up to ${entitlement.clinicLimit} clinics; this would make ${clinicsAfter}. Upgrade to ${next.name} (${next.summary.toLowerCase()}) in Settings → Billing to add more.`,
  );
}
