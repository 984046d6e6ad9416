import "server-only";
import { env } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { createMemoryStore } from "@/lib/ratelimit/memory-store";
import type { RateLimitPolicy } from "@/lib/ratelimit/policies";
import { createRedisStore } from "@/lib/ratelimit/redis-store";
import type { RateLimitStore } from "@/lib/ratelimit/store";
import { createUpstashStore } from "@/lib/ratelimit/upstash-store";

export { RATE_LIMITS, type RateLimitPolicy } from "@/lib/ratelimit/policies";

/**
 * Upstash when its REST URL and token are set, else Redis when REDIS_URL is set, else in-process,
 * which only development and tests may use: in production each server would count alone, and
 * limits would multiply with the number of instances.
 */
export function createConfiguredStore(config: Pick<typeof env, "NODE_ENV" | "UPSTASH_REDIS_REST_URL" | "UPSTASH_REDIS_REST_TOKEN" | "REDIS_URL"> = env): RateLimitStore {
  if (config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN) {
    return createUpstashStore(config.UPSTASH_REDIS_REST_URL, config.UPSTASH_REDIS_REST_TOKEN);
  }
  if (config.REDIS_URL) return createRedisStore(config.REDIS_URL);
  if (config.NODE_ENV === "production") {
    throw new Error("Rate limits need a shared store in production: set UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or REDIS_URL");
  }
  return createMemoryStore();
}

const globalStore = globalThis as unknown as { sidecarRateLimitStore?: RateLimitStore };

export function rateLimitStore(): RateLimitStore {
  globalStore.sidecarRateLimitStore ??= createConfiguredStore();
  return globalStore.sidecarRateLimitStore;
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  resetMs: number;
}

export async function checkRateLimit(policy: RateLimitPolicy, id: string, store = rateLimitStore()): Promise<RateLimitResult> {
  const { count, resetMs } = await store.hit(`rl:${policy.name}:${id}`, policy.windowMs);
  return { allowed: count <= policy.limit, remaining: Math.max(0, policy.limit - count), resetMs };
}

export class RateLimitError extends UserError {
  static override readonly kind: string = "RateLimitError";
  constructor(readonly retryAfterMs: number) {
    super("rate_limited", `Too many requests. Try again in ${Math.max(1, Math.ceil(retryAfterMs / 60_000))} minute(s).`);
  }
}

export async function assertRateLimit(policy: RateLimitPolicy, id: string): Promise<void> {
  const result = await checkRateLimit(policy, id);
  if (!result.allowed) throw new RateLimitError(result.resetMs);
}
