import "server-only";
import Stripe from "stripe";
import { env } from "@/lib/env";
import { stripeOptions } from "@/lib/stripe/options";

export { STRIPE_API_VERSION, STRIPE_SIGNATURE_TOLERANCE_S } from "@/lib/stripe/options";

let client: Stripe | null | undefined;

/** null when billing is not configured (no STRIPE_SECRET_KEY). */
export function stripeClient(): Stripe | null {
  if (client !== undefined) return client;
  client = env.STRIPE_SECRET_KEY ? new Stripe(env.STRIPE_SECRET_KEY, stripeOptions(env.STRIPE_API_BASE_URL, env.STRIPE_REQUEST_TIMEOUT_MS)) : null;
  return client;
}

export function billingConfigured(): boolean {
  return stripeClient() !== null;
}
