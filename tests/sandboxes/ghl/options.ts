import type { RateLimitSettings } from "./rate-limit";
import type { WebhookRetryPolicy } from "./webhooks";

export interface GhlSandboxOptions<Handle = unknown> {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only by default. */
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** Marketplace app id (installedLocations, locationToken, INSTALL). */
  appId?: string;
  versionId?: string;
  /** The agency the sandbox creates on start; seeded locations belong to it by default. */
  companyId?: string;
  companyName?: string;
  /** The user who "installs" the app on the authorize page. */
  userId?: string;
  /** When set, the authorize page only accepts these redirect URIs. */
  redirectUris?: string[];
  /** Access token lifetime; GHL: 86399 s. */
  tokenLifetimeSec?: number;
  authorizationCodeLifetimeSec?: number;
  rateLimit?: Partial<RateLimitSettings>;
  /** Also refuse a known Version other than the module's documented value (default false: GHL accepts any known one). */
  strictVersion?: boolean;
  /** Refuse tokens lacking the route's scope (default true). */
  enforceScopes?: boolean;
  /** Default target of sendWebhook / sendWebhooks. */
  webhookTargetUrl?: string;
  /** Writes made through the HTTP API send the matching webhook here (fire-and-forget). */
  autoWebhooks?: string;
  /** Retry policy for autoWebhooks deliveries answered with any non-2xx (default: GHL's shape, 12 retries, scaled to milliseconds). */
  autoWebhookRetry?: WebhookRetryPolicy | false;
  /** PKCS#8 PEM of the Ed25519 key that signs webhooks (default: a new key per sandbox). */
  webhookSigningKeyPem?: string;
  /** Also sign with RSA in X-WH-Signature, the header GHL is retiring. */
  legacyRsaSignature?: boolean;
  /** Seeds the PRNG behind random faults and shuffled webhook delivery. */
  randomSeed?: number;
  /** The sandbox's clock (token expiry, rate-limit windows, dateUpdated). */
  clock?: () => number;
  /** Where background failures are reported (default console.warn). */
  log?: (message: string, detail?: unknown) => void;
  /** Runs once the server listens, e.g. seedDemoAgency. */
  seed?: (sandbox: Handle) => void | Promise<void>;
}

export const DEFAULTS = {
  host: "127.0.0.1",
  clientId: "sandbox-client-id",
  clientSecret: "sandbox-client-secret",
  appId: "sandbox-app-id",
  versionId: "sandbox-version-id",
  companyId: "sandbox-company",
  companyName: "Sandbox Agency",
  userId: "sandbox-user",
  tokenLifetimeSec: 86_399,
  authorizationCodeLifetimeSec: 600,
  autoWebhookRetry: { retries: 12, delayMs: (attempt: number) => 10 * 2 ** Math.min(attempt, 6) } satisfies WebhookRetryPolicy,
} as const;
