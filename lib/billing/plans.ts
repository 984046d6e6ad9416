import { env } from "@/lib/env";

/**
 * The plans Sidecar sells, as data. Prices live in Stripe (their ids come from the environment);
 * the amounts here are what the plan chooser shows and what the local stand-in creates.
 */
export type PlanKey = "starter" | "growth" | "scale";
export type BillingInterval = "month" | "year";

export interface Plan {
  key: PlanKey;
  name: string;
  /** Most clinics the agency may have; null: unlimited. */
  clinicLimit: number | null;
  summary: string;
  prices: Record<BillingInterval, { priceId: string; amountCents: number }>;
}

export const TRIAL_DAYS = 14;
/** Days a past_due agency keeps full access while Stripe retries the card. */
export const PAST_DUE_GRACE_DAYS = 7;
export const CURRENCY = "usd";

export const PLANS: readonly Plan[] = [
  {
    key: "starter",
    name: "Starter",
    clinicLimit: 5,
    summary: "Up to 5 clinics",
    prices: {
      month: { priceId: env.STRIPE_PRICE_STARTER_MONTHLY, amountCents: 14_900 },
      year: { priceId: env.STRIPE_PRICE_STARTER_YEARLY, amountCents: 149_000 },
    },
  },
  {
    key: "growth",
    name: "Growth",
    clinicLimit: 20,
    summary: "Up to 20 clinics",
    prices: {
      month: { priceId: env.STRIPE_PRICE_GROWTH_MONTHLY, amountCents: 39_900 },
      year: { priceId: env.STRIPE_PRICE_GROWTH_YEARLY, amountCents: 399_000 },
    },
  },
  {
    key: "scale",
    name: "Scale",
    clinicLimit: null,
    summary: "Unlimited clinics",
    prices: {
      month: { priceId: env.STRIPE_PRICE_SCALE_MONTHLY, amountCents: 89_900 },
      year: { priceId: env.STRIPE_PRICE_SCALE_YEARLY, amountCents: 899_000 },
    },
  },
];

export const PLAN_KEYS = PLANS.map((p) => p.key) as [PlanKey, ...PlanKey[]];

export function planByKey(key: string | null | undefined): Plan | null {
  return PLANS.find((p) => p.key === key) ?? null;
}

/** The plan and interval a Stripe Price id stands for, or null for a price Sidecar does not sell. */
export function planByPriceId(priceId: string | null | undefined): { plan: Plan; interval: BillingInterval } | null {
  for (const plan of PLANS) {
    for (const interval of ["month", "year"] as const) {
      if (plan.prices[interval].priceId === priceId) return { plan, interval };
    }
  }
  return null;
}

/** The smallest plan that holds this many clinics. */
export function planFor(clinics: number): Plan {
  return PLANS.find((p) => p.clinicLimit === null || p.clinicLimit >= clinics) ?? PLANS[PLANS.length - 1]!;
}

export function formatMoney(cents: number, currency = CURRENCY): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase(), minimumFractionDigits: cents % 100 ? 2 : 0 }).format(cents / 100);
}
