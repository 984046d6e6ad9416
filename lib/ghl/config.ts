import { env } from "@/lib/env";
import { rateLimitStore } from "@/lib/ratelimit";
import { createGhlTransport, ghlBucket, type GhlTransport, type RateLimitInfo } from "@/lib/ghl/http";

/** What Sidecar asks an agency to grant (reference §1.2). */
export const GHL_SCOPES = [
  "contacts.readonly",
  "contacts.write",
  "calendars.readonly",
  "calendars.write",
  "calendars/events.readonly",
  "calendars/events.write",
  "conversations/message.readonly",
  "conversations/message.write",
  "locations.readonly",
  "users.readonly",
  "oauth.readonly",
  "oauth.write",
] as const;

export function isGhlConfigured(): boolean {
  return Boolean(env.GHL_CLIENT_ID && env.GHL_CLIENT_SECRET);
}

export function ghlRedirectUri(): string {
  return new URL("/api/integrations/ghl/callback", env.APP_URL).toString();
}

/** The latest X-RateLimit-* figures seen per location or company, for the sync health page. */
export const observedLimits = new Map<string, RateLimitInfo & { at: Date }>();

const shared = globalThis as unknown as { sidecarGhlTransport?: GhlTransport };

/** One transport per process, so every caller shares the per-location budget. */
export function ghlTransport(): GhlTransport {
  shared.sidecarGhlTransport ??= createGhlTransport({
    baseUrl: env.GHL_API_BASE_URL,
    timeoutMs: env.GHL_REQUEST_TIMEOUT_MS,
    backoffBaseMs: env.GHL_RETRY_BASE_MS,
    budget: { store: rateLimitStore(), bucket: ghlBucket(env.GHL_RATE_LIMIT_PER_10S) },
    onResponse(resource, _status, limits) {
      if (resource && (limits.remaining !== undefined || limits.dailyRemaining !== undefined)) {
        observedLimits.set(resource, { ...limits, at: new Date() });
      }
    },
  });
  return shared.sidecarGhlTransport;
}
