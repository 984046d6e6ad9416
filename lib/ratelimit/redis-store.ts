import Redis from "ioredis";
import { HIT_SCRIPT, parseScriptResult, parseTakeResult, TAKE_SCRIPT, takeArgs, type RateLimitStore } from "@/lib/ratelimit/store";

export function createRedisStore(url: string): RateLimitStore {
  const redis = new Redis(url, {
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
    enableOfflineQueue: true,
  });
  return {
    name: "redis",
    async hit(key, windowMs, cost = 1) {
      return parseScriptResult(await redis.eval(HIT_SCRIPT, 1, key, String(windowMs), String(cost)));
    },
    async take(key, bucket, cost = 1) {
      return parseTakeResult(await redis.eval(TAKE_SCRIPT, 1, key, ...takeArgs(bucket, cost)));
    },
    async reset(key) {
      await redis.del(key);
    },
    async close() {
      redis.disconnect();
    },
  };
}
