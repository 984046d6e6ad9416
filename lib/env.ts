import { z } from "zod";

/**
 * Every environment variable Sidecar reads, validated once. Anything else imports `env` from
 * here; a lint rule keeps `process.env` out of the rest of the code. `.env.example` documents
 * each variable.
 */

const postgresUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a postgres:// or postgresql:// URL with a host");

const port = z.coerce.number().int().min(1).max(65535);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

/** The Ed25519 key GHL publishes for X-GHL-Signature (SPKI, base64 DER). GHL announces rotations. */
const GHL_PUBLISHED_WEBHOOK_KEY = "MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=";

const base64Key = /^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/]{43}=$/;

// Development-only fallbacks, so a fresh clone runs with no .env. They protect nothing and are
// refused in production, where the real values are required.
const DEV_AUTH_SECRET = "development-only-auth-secret-not-for-production-use";
const DEV_ENCRYPTION_KEYS = "dev:ZGV2LW9ubHkta2V5LW5ldmVyLXVzZS1pbi1wcm9kISE=";
const DEV_CRON_SECRET = "development-only-cron-secret";

const envObject = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  APP_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
  DATABASE_URL: postgresUrl.optional().or(z.literal("").transform(() => undefined)),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).optional(),
  EMBEDDED_DB_PORT: port.default(54329),
  EMBEDDED_DB_DIR: z.string().min(1).default(".data/pglite"),
  // Read by scripts/dev/next-dev-tuning.cjs, preloaded into `next dev`; listed here so it is validated.
  NEXT_DEV_ASYNC_DEBUG: z.enum(["0", "1"]).default("0"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  APP_VERSION: optionalString,

  BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  GITHUB_CLIENT_ID: optionalString,
  GITHUB_CLIENT_SECRET: optionalString,

  MAIL_FROM: z.string().min(3).default("Sidecar <no-reply@sidecar.example>"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  RESEND_API_KEY: optionalString,

  UPSTASH_REDIS_REST_URL: z.url().optional().or(z.literal("").transform(() => undefined)),
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),

  /**
   * The request header that carries the client's address as the trusted proxy in front of
   * Sidecar saw it (lower case). Default: x-vercel-forwarded-for on Vercel, else x-forwarded-for.
   */
  TRUSTED_PROXY_IP_HEADER: z
    .string()
    .regex(/^[a-z0-9-]+$/, "must be a lower-case header name")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** How many trusted proxies append to that header: the client is this many entries from its right. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /** Set by Vercel on its servers ("1"). */
  VERCEL: optionalString,

  GHL_API_BASE_URL: z.url({ protocol: /^https?$/ }).default("https://services.leadconnectorhq.com"),
  GHL_AUTHORIZE_URL: z.url({ protocol: /^https?$/ }).default("https://marketplace.gohighlevel.com/v2/oauth/chooselocation"),
  GHL_CLIENT_ID: optionalString,
  GHL_CLIENT_SECRET: optionalString,
  /** The marketplace app's id (installedLocations); unset: the part of GHL_CLIENT_ID before its "-". */
  GHL_APP_ID: optionalString,
  /** The app version GHL's authorize link must carry (version_id); GHL answers error.noversionid without it. */
  GHL_APP_VERSION_ID: optionalString,
  /** Ed25519 public keys (SPKI, base64 DER or PEM) that may sign webhooks; comma-separated during a rotation. */
  GHL_WEBHOOK_PUBLIC_KEYS: z.string().min(40).default(GHL_PUBLISHED_WEBHOOK_KEY),
  GHL_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(15_000),
  /** First retry wait after a 429 or 5xx; it doubles on each retry. */
  GHL_RETRY_BASE_MS: z.coerce.number().int().min(1).max(10_000).default(500),
  /** GHL's burst limit per location (requests per 10 s). */
  GHL_RATE_LIMIT_PER_10S: z.coerce.number().int().min(1).max(1_000).default(100),
  /** Time one cron run may spend syncing before it saves its place and stops. */
  GHL_SYNC_BUDGET_MS: z.coerce.number().int().min(1_000).max(900_000).default(50_000),
  GHL_SANDBOX_PORT: port.default(4010),

  /** Cal.com API v2; the agencies' API keys are stored sealed, not configured here. */
  /** Unset: https://api.cal.com in production, the local sandbox under `npm run dev`. */
  CALCOM_API_BASE_URL: z.url({ protocol: /^https?$/ }).optional().or(z.literal("").transform(() => undefined)),
  CALCOM_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(15_000),
  CALCOM_SANDBOX_PORT: port.default(4020),

  /**
   * Ask Sidecar's model, by the first key set: the Vercel AI Gateway, OpenAI (or any
   * OpenAI-compatible endpoint at OPENAI_BASE_URL), Anthropic. None set: the feature says
   * "not configured" and everything else works.
   */
  AI_GATEWAY_API_KEY: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).optional().or(z.literal("").transform(() => undefined)),
  ANTHROPIC_API_KEY: optionalString,
  /** The model id for the chosen provider; each has a default. */
  AI_MODEL: optionalString,
  /** Longest one question may take, tools and every model step included. */
  AI_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(45_000),
  /** Port of the local OpenAI-compatible stand-in `npm run dev` starts when no AI key is set. */
  AI_SANDBOX_PORT: port.default(4030),

  /**
   * Upstash QStash: when set, each webhook drain batch is a signed job to
   * /api/qstash/webhook-drain. The two signing keys verify the jobs (both, for rotation).
   */
  QSTASH_TOKEN: optionalString,
  QSTASH_CURRENT_SIGNING_KEY: optionalString,
  QSTASH_NEXT_SIGNING_KEY: optionalString,
  /** QStash's API; unset means Upstash's own (https://qstash.upstash.io). */
  QSTASH_URL: z.url({ protocol: /^https?$/ }).default("https://qstash.upstash.io"),

  /**
   * Stripe billing. No STRIPE_SECRET_KEY: billing is off (Settings → Billing says so and nothing
   * is refused), except that `npm run dev` then starts the Stripe stand-in and points the app at it.
   */
  STRIPE_SECRET_KEY: optionalString,
  /** The webhook endpoint's signing secret (whsec_…) for /api/webhooks/stripe. */
  STRIPE_WEBHOOK_SECRET: optionalString,
  /** Unset: https://api.stripe.com. The stand-in's address in development and tests. */
  STRIPE_API_BASE_URL: z.url({ protocol: /^https?$/ }).optional().or(z.literal("").transform(() => undefined)),
  STRIPE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(20_000),
  /** The recurring Price ids of each plan (lib/billing/plans.ts); the defaults are the stand-in's. */
  STRIPE_PRICE_STARTER_MONTHLY: z.string().min(1).default("price_starter_monthly"),
  STRIPE_PRICE_STARTER_YEARLY: z.string().min(1).default("price_starter_yearly"),
  STRIPE_PRICE_GROWTH_MONTHLY: z.string().min(1).default("price_growth_monthly"),
  STRIPE_PRICE_GROWTH_YEARLY: z.string().min(1).default("price_growth_yearly"),
  STRIPE_PRICE_SCALE_MONTHLY: z.string().min(1).default("price_scale_monthly"),
  STRIPE_PRICE_SCALE_YEARLY: z.string().min(1).default("price_scale_yearly"),
  /** Port of the local Stripe stand-in `npm run dev` starts when STRIPE_SECRET_KEY is unset. */
  STRIPE_SANDBOX_PORT: port.default(4040),

  /**
   * File storage (signed forms, exams, supplier paperwork). S3_BUCKET set: any S3 endpoint
   * (AWS S3, Cloudflare R2, Tigris) through the AWS SDK; unset: files under STORAGE_LOCAL_DIR,
   * served by Sidecar behind HMAC-signed URLs (development and single-server installs).
   */
  S3_BUCKET: optionalString,
  /** Unset: AWS S3 itself. R2: https://<account>.r2.cloudflarestorage.com; Tigris: https://t3.storage.dev. */
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional().or(z.literal("").transform(() => undefined)),
  /** AWS: the bucket's region; R2 and Tigris: "auto". */
  S3_REGION: z.string().min(1).default("us-east-1"),
  /** "true" for path-style URLs (endpoint/bucket/key): stand-ins and some S3-compatible stores; AWS, R2 and Tigris use virtual-host style. */
  S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).default("false").transform((value) => value === "true"),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  /** Where the local driver keeps files when S3_BUCKET is unset. */
  STORAGE_LOCAL_DIR: z.string().min(1).default(".data/files"),

  /** Bearer secret the scheduler sends to /api/cron/*. */
  CRON_SECRET: z.string().min(16, "must be at least 16 characters").optional(),

  SECRETS_ENCRYPTION_KEYS: z
    .string()
    .refine(
      (value) => value.split(",").every((entry) => base64Key.test(entry.trim())),
      "must be comma-separated keyId:base64 entries, each key 32 bytes (the first encrypts)",
    )
    .optional(),
});

/** Every variable Sidecar reads (.env.example lists the same). */
export const ENV_VARIABLES = Object.keys(envObject.shape);

export const envSchema = envObject
  .superRefine((env, ctx) => {
    const pair = (a: keyof typeof env, b: keyof typeof env) => {
      if (Boolean(env[a]) !== Boolean(env[b])) ctx.addIssue({ code: "custom", path: [env[a] ? b : a], message: `is required with ${env[a] ? a : b}` });
    };
    pair("GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET");
    pair("UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN");
    pair("GHL_CLIENT_ID", "GHL_CLIENT_SECRET");
    pair("QSTASH_TOKEN", "QSTASH_CURRENT_SIGNING_KEY");
    pair("QSTASH_CURRENT_SIGNING_KEY", "QSTASH_NEXT_SIGNING_KEY");
    pair("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET");
    pair("S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY");
    pair("S3_BUCKET", "S3_ACCESS_KEY_ID");
  })
  .transform((env) => ({
    ...env,
    BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET ?? DEV_AUTH_SECRET,
    SECRETS_ENCRYPTION_KEYS: env.SECRETS_ENCRYPTION_KEYS ?? DEV_ENCRYPTION_KEYS,
    CRON_SECRET: env.CRON_SECRET ?? DEV_CRON_SECRET,
  }));

export type Env = z.output<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration: ${issues.join("; ")}`);
    this.name = "ConfigError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // `NAME=` in a .env file means "not set", as in .env.example.
  const result = envSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "")));
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".");
        const problem = issue.code === "invalid_type" && source[name] === undefined ? "is required" : issue.message;
        return `${name} ${problem}`;
      }),
    );
  }
  return result.data;
}

function loadEnv(): Env {
  try {
    // eslint-disable-next-line no-restricted-properties -- the one place that reads process.env
    return parseEnv(process.env);
  } catch (err) {
    // A server process stops with one line naming the variable; tests see the error itself.
    // eslint-disable-next-line no-restricted-properties
    if (err instanceof ConfigError && !process.env.VITEST && typeof process.exit === "function") {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

export const env: Env = loadEnv();

/**
 * A production server needs its own secrets and a real mail transport; checked when the server
 * starts (instrumentation.ts), not at build time, when none of them are needed.
 */
export function productionConfigProblems(source: Record<string, string | undefined>): string[] {
  const problems = ["BETTER_AUTH_SECRET", "SECRETS_ENCRYPTION_KEYS", "DATABASE_URL", "CRON_SECRET"]
    .filter((name) => !source[name])
    .map((name) => `${name} is required in production`);
  if (!source.SMTP_URL && !source.RESEND_API_KEY) problems.push("SMTP_URL or RESEND_API_KEY is required in production");
  // Secure cookies, HSTS and every emailed link are built from APP_URL.
  if (!source.APP_URL) problems.push("APP_URL is required in production (the https:// address people use)");
  else if (!isHttpsUrl(source.APP_URL) && !isLoopbackUrl(source.APP_URL)) problems.push("APP_URL must be an https:// URL in production");
  // Per-process counters multiply with every server (and every serverless instance).
  if (!(source.UPSTASH_REDIS_REST_URL && source.UPSTASH_REDIS_REST_TOKEN) && !source.REDIS_URL) {
    problems.push("UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or REDIS_URL, are required in production (rate limits must be shared across servers)");
  }
  return problems;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

/** A production build served on this machine only (npm start, the browser tests): no one else can reach it. */
function isLoopbackUrl(value: string): boolean {
  try {
    return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(value).hostname);
  } catch {
    return false;
  }
}
