export interface RateLimitSettings {
  /** Requests per interval per resource. GHL: 100. */
  max: number;
  /** GHL: 10 000 ms. */
  intervalMs: number;
  /** Requests per day per resource. GHL: 200 000. */
  dailyMax: number;
  /**
   * Whether a 429 carries `Retry-After` (seconds). GHL documents no 429 body and no
   * Retry-After (reference §1.3), so the default is off: a client must cope with the
   * X-RateLimit-* headers alone, and tests can switch this on to cover both paths.
   */
  sendRetryAfter: boolean;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { max: 100, intervalMs: 10_000, dailyMax: 200_000, sendRetryAfter: false };

const DAY_MS = 86_400_000;

interface Bucket {
  windowStart: number;
  used: number;
  dayStart: number;
  usedToday: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
  /** Seconds until a request would be allowed again. */
  retryAfterSec: number;
}

/**
 * Fixed windows per resource (a location or a company), opened by the first request after the
 * previous window ended. GHL counts per app per resource; the sandbox serves one app, so the
 * resource alone is the key. With a fixed window "the 101st request within 10 s is refused"
 * holds exactly, which is what Sidecar's token bucket has to respect.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly settings: RateLimitSettings,
    private readonly now: () => number,
  ) {}

  take(resource: string): RateLimitDecision {
    const now = this.now();
    const bucket = this.bucketFor(resource, now);
    const allowed = bucket.used < this.settings.max && bucket.usedToday < this.settings.dailyMax;
    if (allowed) {
      bucket.used += 1;
      bucket.usedToday += 1;
    }
    const retryAt = bucket.usedToday >= this.settings.dailyMax ? bucket.dayStart + DAY_MS : bucket.windowStart + this.settings.intervalMs;
    return { allowed, headers: this.headers(bucket), retryAfterSec: Math.max(1, Math.ceil((retryAt - now) / 1000)) };
  }

  /** Headers as they stand, without spending a request (used by forced 429s). */
  exhaustedHeaders(): Record<string, string> {
    return this.headers({ windowStart: 0, used: this.settings.max, dayStart: 0, usedToday: 0 });
  }

  reset(): void {
    this.buckets.clear();
  }

  private bucketFor(resource: string, now: number): Bucket {
    let bucket = this.buckets.get(resource);
    if (!bucket) {
      bucket = { windowStart: now, used: 0, dayStart: now, usedToday: 0 };
      this.buckets.set(resource, bucket);
    }
    if (now - bucket.windowStart >= this.settings.intervalMs) {
      bucket.windowStart = now;
      bucket.used = 0;
    }
    if (now - bucket.dayStart >= DAY_MS) {
      bucket.dayStart = now;
      bucket.usedToday = 0;
    }
    return bucket;
  }

  private headers(bucket: Bucket): Record<string, string> {
    return {
      "x-ratelimit-limit-daily": String(this.settings.dailyMax),
      "x-ratelimit-daily-remaining": String(Math.max(0, this.settings.dailyMax - bucket.usedToday)),
      "x-ratelimit-interval-milliseconds": String(this.settings.intervalMs),
      "x-ratelimit-max": String(this.settings.max),
      "x-ratelimit-remaining": String(Math.max(0, this.settings.max - bucket.used)),
    };
  }
}
