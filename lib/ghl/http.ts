import type { z } from "zod";
import { KindedError, UserError } from "@/lib/errors";
import type { BucketSpec, RateLimitStore } from "@/lib/ratelimit/store";

/**
 * The HTTP layer every GHL call goes through: a timeout on each attempt, the per-location
 * budget taken before sending, retries with jittered backoff on 429/5xx (honouring
 * Retry-After and X-RateLimit-*), and the response parsed with zod.
 */

export const GHL_VERSION = { contacts: "2021-07-28", calendars: "2021-04-15" } as const;
export type GhlVersion = (typeof GHL_VERSION)[keyof typeof GHL_VERSION];

export interface GhlRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  /** OAuth endpoints take form bodies. */
  form?: Record<string, string>;
  /** Every endpoint but POST /oauth/token needs one (reference §1.1). */
  version: GhlVersion | null;
  token?: string;
  /** The location or company whose budget (100 requests / 10 s) the call spends. */
  resource?: string;
  /** Safe to send twice: retried after 5xx and network errors too, not only after 429. */
  idempotent?: boolean;
  /** Counts every attempt sent, retries included (what a sync run spent of GHL's budget). */
  meter?: { requests: number };
}

export interface RateLimitInfo {
  remaining?: number;
  dailyRemaining?: number;
  intervalMs?: number;
  max?: number;
}

export interface GhlTransportOptions {
  baseUrl: string;
  timeoutMs: number;
  /** Shared budget per resource; omit for calls that spend no location's budget (OAuth). */
  budget?: { store: RateLimitStore; bucket: BucketSpec };
  maxAttempts?: number;
  /** First backoff step; each retry doubles it (with full jitter), up to 20 s. */
  backoffBaseMs?: number;
  onResponse?: (resource: string | undefined, status: number, limits: RateLimitInfo) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Kinded, so `instanceof` holds across the server chunks that each hold a copy of this module. */
export class GhlHttpError extends KindedError {
  static override readonly kind: string = "GhlHttpError";

  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly request: Pick<GhlRequest, "method" | "path">,
  ) {
    super(`GHL ${request.method} ${request.path} answered ${status}: ${describe(body)}`);
    this.name = "GhlHttpError";
  }
}

/** GHL did not answer (timeouts, refused connections) after the retries it was worth. */
export class GhlUnavailableError extends UserError {
  static override readonly kind: string = "GhlUnavailableError";
  constructor(readonly cause: unknown) {
    super("ghl_unavailable", "GoHighLevel did not answer. Nothing was changed; please try again in a moment.");
    this.name = "GhlUnavailableError";
  }
}

/** 401: the token is expired or revoked; the caller refreshes and tries once more. */
export class GhlUnauthorizedError extends GhlHttpError {
  static override readonly kind: string = "GhlUnauthorizedError";
  override name = "GhlUnauthorizedError";
}

function describe(body: unknown): string {
  if (body && typeof body === "object" && "message" in body) {
    const message = (body as { message: unknown }).message;
    return Array.isArray(message) ? message.join("; ") : String(message);
  }
  return typeof body === "string" ? body.slice(0, 200) : JSON.stringify(body)?.slice(0, 200) ?? "";
}

/** The sentence to show a person when GHL refuses a change. */
export function ghlRefusal(err: GhlHttpError): string {
  return describe(err.body) || `GoHighLevel answered ${err.status}.`;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function headerNumber(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function readRateLimit(headers: Headers): RateLimitInfo {
  return {
    remaining: headerNumber(headers, "x-ratelimit-remaining"),
    dailyRemaining: headerNumber(headers, "x-ratelimit-daily-remaining"),
    intervalMs: headerNumber(headers, "x-ratelimit-interval-milliseconds"),
    max: headerNumber(headers, "x-ratelimit-max"),
  };
}

function isRetryable(status: number) {
  return status === 429 || status >= 500;
}

export function createGhlTransport(options: GhlTransportOptions) {
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 10;
  const backoffBaseMs = options.backoffBaseMs ?? 500;
  // When GHL says a resource has no requests left, hold back until its interval passes,
  // rather than spend a request on a certain 429.
  const exhaustedUntil = new Map<string, number>();
  // The interval's phase is not in the headers; an answer showing one request used marks (a
  // little after) its start, so an exhausted interval is waited out, not a whole new one.
  const intervalSeenOpening = new Map<string, number>();

  function noteLimits(resource: string, limits: RateLimitInfo) {
    const at = Date.now();
    const intervalMs = limits.intervalMs ?? 10_000;
    if (limits.max !== undefined && limits.remaining === limits.max - 1) intervalSeenOpening.set(resource, at);
    if (limits.remaining !== 0) return;
    const opened = intervalSeenOpening.get(resource);
    const intervalEnds = opened !== undefined && at - opened < intervalMs ? opened + intervalMs : at + intervalMs;
    exhaustedUntil.set(resource, intervalEnds);
  }

  async function spendBudget(resource: string | undefined) {
    if (!resource) return;
    const pause = (exhaustedUntil.get(resource) ?? 0) - Date.now();
    if (pause > 0) await sleep(pause);
    if (!options.budget) return;
    for (;;) {
      const take = await options.budget.store.take(`ghl:budget:${resource}`, options.budget.bucket);
      if (take.granted) return;
      await sleep(take.waitMs);
    }
  }

  /**
   * Full jitter: a random wait up to a cap that doubles each retry (500 ms, 1 s, 2 s … 20 s).
   * GHL documents no Retry-After (reference §1.3); when one comes, it is honoured.
   */
  function backoff(attempt: number, retryAfter: number | undefined): number {
    if (retryAfter !== undefined) return retryAfter * 1000 + Math.floor(random() * 250);
    return Math.floor(random() * Math.min(20_000, backoffBaseMs * 2 ** attempt));
  }

  function buildUrl(req: GhlRequest): string {
    const url = new URL(req.path, options.baseUrl);
    for (const [key, value] of Object.entries(req.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  }

  async function send(req: GhlRequest): Promise<{ status: number; headers: Headers; body: unknown }> {
    if (req.meter) req.meter.requests++;
    const headers: Record<string, string> = { Accept: "application/json" };
    if (req.version) headers.Version = req.version;
    if (req.token) headers.Authorization = `Bearer ${req.token}`;
    let body: string | undefined;
    if (req.form) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(req.form).toString();
    } else if (req.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(req.json);
    }
    const response = await fetch(buildUrl(req), {
      method: req.method,
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // An HTML error page from a proxy: keep the text for the error message.
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }

  return async function request<S extends z.ZodType>(req: GhlRequest, schema: S): Promise<z.output<S>> {
    const idempotent = req.idempotent ?? req.method !== "POST";
    let lastError: unknown;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      await spendBudget(req.resource);
      let result: Awaited<ReturnType<typeof send>>;
      try {
        result = await send(req);
      } catch (err) {
        // Timeouts and dropped connections: the request may or may not have been applied.
        lastError = new GhlUnavailableError(err);
        if (!idempotent) throw lastError;
        await sleep(backoff(attempt, undefined));
        continue;
      }
      const limits = readRateLimit(result.headers);
      options.onResponse?.(req.resource, result.status, limits);
      if (result.status >= 200 && result.status < 300) {
        if (req.resource) noteLimits(req.resource, limits);
        const parsed = schema.safeParse(result.body);
        if (!parsed.success) {
          throw new GhlHttpError(result.status, `unexpected response shape: ${parsed.error.issues[0]?.message ?? ""}`, req);
        }
        return parsed.data;
      }
      if (result.status === 401) throw new GhlUnauthorizedError(401, result.body, req);
      lastError = new GhlHttpError(result.status, result.body, req);
      // GHL applied nothing on a 429, so any request may be retried; a 5xx only if repeating is safe.
      if (!isRetryable(result.status) || (result.status !== 429 && !idempotent)) throw lastError;
      await sleep(backoff(attempt, headerNumber(result.headers, "retry-after")));
    }
    throw lastError;
  };
}

export type GhlTransport = ReturnType<typeof createGhlTransport>;

/**
 * A bucket that can never exceed `perTenSeconds` in any 10-second window: a burst of B plus
 * 10 s of refill at r stays within B + 10·r = limit. A small burst keeps the sustained rate
 * close to the limit (95% with GHL's 100).
 */
export function ghlBucket(perTenSeconds: number): BucketSpec {
  const capacity = Math.max(1, Math.floor(perTenSeconds * 0.05));
  return { capacity, refillPerSecond: (perTenSeconds - capacity) / 10 };
}
