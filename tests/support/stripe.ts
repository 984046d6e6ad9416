import { inject } from "vitest";
import { startStripeSandbox, type StripeSandboxOptions } from "../sandboxes/stripe";
import { sandboxPrices } from "@/scripts/dev/stripe";
import { env } from "@/lib/env";

/** The suite's Stripe stand-in: on the port, key and webhook secret the app was configured with, holding the plans' prices. */
export function startSuiteStripe(options: StripeSandboxOptions = {}) {
  return startStripeSandbox({ port: inject("stripePort"), apiKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, prices: sandboxPrices(), ...options });
}
