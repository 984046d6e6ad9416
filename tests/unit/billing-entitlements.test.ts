import { describe, expect, it, vi } from "vitest";
import type Stripe from "stripe";

vi.mock("@/lib/db/system", () => ({ systemDb: vi.fn() }));

const { entitlementOf, assertClinicCapacity } = await import("@/lib/billing/entitlements");
const { recordOf, currentSubscription, monthlyRevenueCents } = await import("@/lib/billing/record");
const { PLANS, planByPriceId, planFor } = await import("@/lib/billing/plans");

const now = new Date("2026-12-03T12:00:00Z");
const DAY = 86_400_000;
const base = { stripeSubscriptionId: "sub_1", trialEndsAt: null, pastDueSince: null, billingPlan: "starter", currentPeriodEnd: null, cancelAtPeriodEnd: false } as const;

describe("entitlements", () => {
  it("gives full access to trialing, active and past_due within the grace; read-only to the rest", () => {
    expect(entitlementOf({ ...base, subscriptionStatus: "trialing", trialEndsAt: new Date(now.getTime() + 2.5 * DAY) }, now)).toMatchObject({ state: "trialing", access: "full", trialDaysLeft: 3, clinicLimit: 5 });
    expect(entitlementOf({ ...base, subscriptionStatus: "trialing", trialEndsAt: new Date(now.getTime() - 1) }, now)).toMatchObject({ state: "trial_expired", access: "read_only" });
    expect(entitlementOf({ ...base, subscriptionStatus: "active" }, now)).toMatchObject({ state: "active", access: "full", reason: null });
    const pastDue = entitlementOf({ ...base, subscriptionStatus: "past_due", pastDueSince: new Date(now.getTime() - 6 * DAY) }, now);
    expect(pastDue).toMatchObject({ state: "past_due", access: "full" });
    expect(pastDue.graceEndsAt?.toISOString()).toBe(new Date(now.getTime() + DAY).toISOString());
    expect(entitlementOf({ ...base, subscriptionStatus: "past_due", pastDueSince: new Date(now.getTime() - 8 * DAY) }, now)).toMatchObject({ state: "grace_over", access: "read_only" });
    for (const status of ["canceled", "unpaid", "paused", "incomplete", "incomplete_expired"] as const) {
      const e = entitlementOf({ ...base, subscriptionStatus: status }, now);
      expect(e.access, status).toBe("read_only");
      expect(e.reason, status).toMatch(/\w/);
    }
  });

  it("treats an agency before its first Checkout as on Sidecar's own trial, ending at the instant trialEndsAt is reached", () => {
    const own = { ...base, stripeSubscriptionId: null, billingPlan: null, subscriptionStatus: "trialing" as const };
    const at = (ms: number) => entitlementOf({ ...own, trialEndsAt: new Date(now.getTime() + ms) }, now);
    expect(at(14 * DAY)).toMatchObject({ state: "trialing", access: "full", subscribed: false, trialDaysLeft: 14, clinicLimit: null, reason: null });
    expect(at(1)).toMatchObject({ state: "trialing", access: "full", trialDaysLeft: 1 });
    expect(at(0)).toMatchObject({ state: "trial_expired", access: "read_only", trialDaysLeft: null, reason: "the free trial has ended" });
    expect(at(-1)).toMatchObject({ state: "trial_expired", access: "read_only" });
    // Whatever the status column says (it means nothing before a subscription exists).
    for (const status of ["active", "canceled", "past_due"] as const) {
      expect(entitlementOf({ ...own, subscriptionStatus: status, trialEndsAt: new Date(now.getTime() + DAY) }, now).state, status).toBe("trialing");
      expect(entitlementOf({ ...own, subscriptionStatus: status, trialEndsAt: new Date(now.getTime() - DAY) }, now).state, status).toBe("trial_expired");
    }
    // No trial end on record: no trial left, never full access for ever.
    expect(entitlementOf({ ...own, trialEndsAt: null }, now)).toMatchObject({ state: "trial_expired", access: "read_only" });
    // The same boundary as a Stripe trial's, whose banner and refusal it shares.
    const stripeTrial = (ms: number) => entitlementOf({ ...base, subscriptionStatus: "trialing", trialEndsAt: new Date(now.getTime() + ms) }, now);
    expect(stripeTrial(1)).toMatchObject({ state: "trialing", subscribed: true, trialDaysLeft: 1 });
    expect(stripeTrial(0)).toMatchObject({ state: "trial_expired", access: "read_only", reason: at(0).reason });
  });

  it("limits clinics by plan and names the plan to upgrade to", () => {
    const starter = entitlementOf({ ...base, subscriptionStatus: "active" }, now);
    expect(() => assertClinicCapacity(starter, 5)).not.toThrow();
    expect(() => assertClinicCapacity(starter, 6)).toThrow(/Starter plan includes up to 5 clinics.*Upgrade to Growth/);
    const growth = entitlementOf({ ...base, billingPlan: "growth", subscriptionStatus: "active" }, now);
    expect(() => assertClinicCapacity(growth, 21)).toThrow(/Upgrade to Scale/);
    expect(() => assertClinicCapacity(entitlementOf({ ...base, billingPlan: "scale", subscriptionStatus: "active" }, now), 500)).not.toThrow();
    expect(planFor(3).key).toBe("starter");
    expect(planFor(6).key).toBe("growth");
    expect(planFor(21).key).toBe("scale");
  });
});

function subscription(overrides: Partial<Stripe.Subscription> & { price?: string; amount?: number; interval?: "month" | "year"; periodEnds?: number[] }): Stripe.Subscription {
  const { price = PLANS[0]!.prices.month.priceId, amount = 14_900, interval = "month", periodEnds = [1_800_000_000], ...rest } = overrides;
  return {
    id: "sub_1",
    object: "subscription",
    status: "active",
    created: 1,
    cancel_at_period_end: false,
    trial_end: null,
    items: { object: "list", has_more: false, url: "", data: periodEnds.map((end, i) => ({ id: `si_${i}`, price: { id: price, unit_amount: amount, recurring: { interval, interval_count: 1 } }, quantity: 1, current_period_end: end })) },
    ...rest,
  } as unknown as Stripe.Subscription;
}

describe("the synced record", () => {
  it("takes the period end from the items (the latest), the plan from the price, MRR only while paying", () => {
    const record = recordOf(subscription({ periodEnds: [1_800_000_000, 1_800_086_400] }));
    expect(record).toMatchObject({ subscriptionStatus: "active", billingPlan: "starter", billingInterval: "month", mrrCents: 29_800 });
    expect(record.currentPeriodEnd?.getTime()).toBe(1_800_086_400_000);
    expect(recordOf(subscription({ status: "trialing", trial_end: 1_790_000_000 })).mrrCents).toBe(0);
    expect(monthlyRevenueCents(subscription({ price: PLANS[1]!.prices.year.priceId, amount: 399_000, interval: "year" }))).toBe(33_250);
    expect(planByPriceId("price_unknown")).toBeNull();
  });

  it("picks the customer's live subscription, else the newest", () => {
    const old = subscription({ id: "sub_old", status: "canceled", created: 5 });
    const live = subscription({ id: "sub_live", status: "past_due", created: 3 });
    expect(currentSubscription([old, live])?.id).toBe("sub_live");
    expect(currentSubscription([old, subscription({ id: "sub_older", status: "canceled", created: 1 })])?.id).toBe("sub_old");
    expect(currentSubscription([])).toBeNull();
  });
});

describe("/platform billing line", async () => {
  const { agencyBillingLine } = await import("@/lib/billing/platform");
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  const line = (facts: { subscriptionStatus: "trialing" | "active"; trialEndsAt: Date | null; stripeSubscriptionId?: string | null }) =>
    agencyBillingLine({ ...base, mrrCents: 0, subscriptionEndedAt: null, ...facts }, now);

  it("shows the state, Stripe's status only once a subscription exists, and the trial end while a trial runs", () => {
    expect(line({ subscriptionStatus: "trialing", trialEndsAt: at(5) })).toMatchObject({ planName: "Starter", state: "trialing", status: "trialing", trialEndsAt: at(5), readOnly: false });
    expect(line({ subscriptionStatus: "trialing", trialEndsAt: at(-1) })).toMatchObject({ state: "trial_expired", trialEndsAt: null, readOnly: true });
    expect(line({ stripeSubscriptionId: null, subscriptionStatus: "trialing", trialEndsAt: at(5) })).toMatchObject({ state: "trialing", status: null, trialEndsAt: at(5), readOnly: false });
    expect(line({ stripeSubscriptionId: null, subscriptionStatus: "trialing", trialEndsAt: at(-1) })).toMatchObject({ state: "trial_expired", status: null, readOnly: true });
  });
});
