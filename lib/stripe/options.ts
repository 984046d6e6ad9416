import type Stripe from "stripe";

/**
 * How Sidecar configures the stripe library. The API version is pinned (the library's own at 23.2.0), so a library
 * upgrade never changes the shapes Sidecar reads without a deliberate change here. Since
 * 2025-03-31.basil a subscription's period lives on its items (`items.data[].current_period_end`).
 */
export const STRIPE_API_VERSION = "2026-11-18.endive" as const;

/** Every signature older than this is refused (Stripe's own default). */
export const STRIPE_SIGNATURE_TOLERANCE_S = 300;

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

