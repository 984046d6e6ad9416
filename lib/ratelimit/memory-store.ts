import type { BucketTake, RateLimitStore, WindowHit } from "@/lib/ratelimit/store";

/** One process's counters: right for the embedded default, wrong across several servers. */
export function createMemoryStore(now: () => number = Date.now): RateLimitStore {
  const windows = new Map<string, { count: number; expiresAt: number }>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  let hitsSinceSweep = 0;
  const sweep = (at: number) => {
    for (const [key, window] of windows) if (window.expiresAt <= at) windows.delete(key);
  };
  return {
    name: "memory",
    async hit(key, windowMs, cost = 1): Promise<WindowHit> {
      const at = now();
      if (++hitsSinceSweep >= 1_000) {
        hitsSinceSweep = 0;
        sweep(at);
      }
      let window = windows.get(key);
      if (!window || window.expiresAt <= at) {
        window = { count: 0, expiresAt: at + windowMs };
        windows.set(key, window);
      }
      window.count += cost;
      return { count: window.count, resetMs: window.expiresAt - at };
    },
    async take(key, bucket, cost = 1): Promise<BucketTake> {
      const at = now();
      const state = buckets.get(key) ?? { tokens: bucket.capacity, at };
      const perMs = bucket.refillPerSecond / 1000;
      const tokens = Math.min(bucket.capacity, state.tokens + Math.max(0, at - state.at) * perMs);
      if (tokens >= cost) {
        buckets.set(key, { tokens: tokens - cost, at });
        return { granted: true, waitMs: 0 };
      }
      buckets.set(key, { tokens, at });
      return { granted: false, waitMs: Math.ceil((cost - tokens) / perMs) };
    },
    async reset(key) {
      windows.delete(key);
      buckets.delete(key);
    },
  };
}
