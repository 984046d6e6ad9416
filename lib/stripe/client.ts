import "server-only";
import Stripe from "stripe";
import { env } from "@/lib/env";

/**
 * The one Stripe client. The API version is pinned (the library's own at 23.2.0), so a library
 * upgrade never changes the shapes Sidecar reads without a deliberate change here. Since
 * 2025-03-31.basil a subscription's period lives on its items (`items.data[].current_period_end`).
 */
export const STRIPE_API_VERSION = "2026-11-18.endive" as const;

/** Every signature older than this is refused (Stripe's own default). */
export const STRIPE_SIGNATURE_TOLERANCE_S = 300;

let client: Stripe | null | undefined;

export function stripeOptions(baseUrl: string | undefined, timeout: number): ConstructorParameters<typeof Stripe>[1] {
  const options: ConstructorParameters<typeof Stripe>[1] = { apiVersion: STRIPE_API_VERSION, timeout, maxNetworkRetries: 2, telemetry: false, appInfo: { name: "Sidecar" } };
  if (!baseUrl) return options;
  const url = new URL(baseUrl);
  return {
    ...options,
    host: url.hostname,
    port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
    protocol: url.protocol === "https:" ? "https" : "http",
  };
}

/** null when billing is not configured (no STRIPE_SECRET_KEY). */
export function stripeClient(): Stripe | null {
  if (client !== undefined) return client;
  client = env.STRIPE_SECRET_KEY ? new Stripe(env.STRIPE_SECRET_KEY, stripeOptions(env.STRIPE_API_BASE_URL, env.STRIPE_REQUEST_TIMEOUT_MS)) : null;
  return client;
}

export function billingConfigured(): boolean {
  return stripeClient() !== null;
}
