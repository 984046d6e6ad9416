import "server-only";
import { systemDb } from "@/lib/db/system";
import { env } from "@/lib/env";
import { UserError } from "@/lib/errors";
import type { SubscriptionStatus } from "@/lib/generated/prisma/enums";
import { PAST_DUE_GRACE_DAYS, planByKey, planFor, type Plan } from "@/lib/billing/plans";

/**
 * The one place that decides what an agency's subscription allows. Everything else asks here:
 * the action wrapper (writes refused while read-only), adding clinics (the plan's limit), and the
 * banners of the agency's pages.
 *
 * - no subscription yet (the agency has not started its trial), or billing not configured: full;
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

export type BillingState = "unbilled" | "trialing" | "active" | "past_due" | "trial_expired" | "grace_over" | "canceled" | "unpaid" | "paused" | "incomplete";

export interface Entitlement {
  state: BillingState;
  access: "full" | "read_only";
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

const READ_ONLY_REASONS: Record<Exclude<BillingState, "unbilled" | "trialing" | "active" | "past_due">, string> = {
  trial_expired: "the free trial has ended",
  grace_over: "the last payment failed and the grace period is over",
  canceled: "the subscription was canceled",
  unpaid: "the subscription is unpaid",
  paused: "the free trial ended without a payment method",
  incomplete: "the first payment has not gone through",
};

export function billingStateOf(facts: BillingFacts, now: Date): BillingState {
  if (!facts.stripeSubscriptionId) return "unbilled";
  switch (facts.subscriptionStatus) {
    case "trialing":
      return facts.trialEndsAt && facts.trialEndsAt.getTime() <= now.getTime() ? "trial_expired" : "trialing";
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

export function entitlementOf(facts: BillingFacts, now: Date): Entitlement {
  const state = billingStateOf(facts, now);
  const plan = planByKey(facts.billingPlan);
  const full = state === "unbilled" || state === "trialing" || state === "active" || state === "past_due";
  return {
    state,
    access: full ? "full" : "read_only",
    plan,
    clinicLimit: state === "unbilled" || !plan ? null : plan.clinicLimit,
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
  return entitlementOf(env.STRIPE_SECRET_KEY ? facts : { ...facts, stripeSubscriptionId: null }, now);
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
