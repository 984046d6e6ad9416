import { Redis } from "@upstash/redis";
import { HIT_SCRIPT, parseScriptResult, parseTakeResult, TAKE_SCRIPT, takeArgs, type RateLimitStore } from "@/lib/ratelimit/store";

export function createUpstashStore(url: string, token: string): RateLimitStore {
  const redis = new Redis({
    url,
    token,
    retry: { retries: 2, backoff: (attempt) => 50 * 2 ** attempt },
    signal: () => AbortSignal.timeout(2_000),
  });
  return {
    name: "upstash",
    async hit(key, windowMs, cost = 1) {
      return parseScriptResult(await redis.eval(HIT_SCRIPT, [key], [String(windowMs), String(cost)]));
    },
    async take(key, bucket, cost = 1) {
      return parseTakeResult(await redis.eval(TAKE_SCRIPT, [key], takeArgs(bucket, cost)));
    },
    async reset(key) {
      await redis.del(key);
    },
  };
}
