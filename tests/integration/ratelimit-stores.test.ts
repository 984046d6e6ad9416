import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore } from "@/lib/ratelimit/memory-store";
import { createRedisStore } from "@/lib/ratelimit/redis-store";
import { createUpstashStore } from "@/lib/ratelimit/upstash-store";
import type { RateLimitStore } from "@/lib/ratelimit/store";
import { startUpstashFixture, type UpstashFixture } from "../sandboxes/upstash";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
let upstash: UpstashFixture;

beforeAll(async () => {
  upstash = await startUpstashFixture({ redisUrl: REDIS_URL });
});
afterAll(() => upstash.stop());

const stores: Array<[string, () => RateLimitStore]> = [
  ["memory", () => createMemoryStore()],
  ["redis", () => createRedisStore(REDIS_URL)],
  ["upstash", () => createUpstashStore(upstash.url, upstash.token)],
];

// One contract, three stores: whatever the deployment uses, limits behave the same.
describe.each(stores)("rate-limit store: %s", (_name, create) => {
  let store: RateLimitStore;
  beforeAll(() => {
    store = create();
  });
  afterAll(() => store.close?.());
  const key = () => `test:${randomUUID()}`;

  it("counts hits in a window and reports the time left", async () => {
    const k = key();
    const first = await store.hit(k, 60_000);
    const second = await store.hit(k, 60_000);
    expect(first.count).toBe(1);
    expect(second.count).toBe(2);
    expect(second.resetMs).toBeGreaterThan(50_000);
    expect(second.resetMs).toBeLessThanOrEqual(60_000);
  });

  it("adds a cost greater than one", async () => {
    const k = key();
    await store.hit(k, 60_000, 5);
    expect((await store.hit(k, 60_000, 3)).count).toBe(8);
  });

  it("keeps keys apart and starts over after reset", async () => {
    const [a, b] = [key(), key()];
    await store.hit(a, 60_000);
    await store.hit(a, 60_000);
    expect((await store.hit(b, 60_000)).count).toBe(1);
    await store.reset(a);
    expect((await store.hit(a, 60_000)).count).toBe(1);
  });

  it("opens a new window when the old one ends", async () => {
    const k = key();
    await store.hit(k, 150);
    await store.hit(k, 150);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await store.hit(k, 150)).count).toBe(1);
  });

  it("grants a token bucket's burst, then refuses with the wait until a refill", async () => {
    const k = key();
    // One token a second: the six takes fit well inside a refill even on a busy machine.
    const bucket = { capacity: 5, refillPerSecond: 1 };
    const takes = [];
    for (let i = 0; i < 6; i++) takes.push(await store.take(k, bucket));
    expect(takes.slice(0, 5).every((t) => t.granted)).toBe(true);
    expect(takes[5]!.granted).toBe(false);
    expect(takes[5]!.waitMs).toBeGreaterThan(0);
    expect(takes[5]!.waitMs).toBeLessThanOrEqual(1_000);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await store.take(k, bucket)).granted).toBe(true);
  });

  it("never grants more tokens than the bucket holds, even to concurrent takers", async () => {
    const k = key();
    const bucket = { capacity: 20, refillPerSecond: 0.001 };
    const takes = await Promise.all(Array.from({ length: 40 }, () => store.take(k, bucket)));
    expect(takes.filter((t) => t.granted)).toHaveLength(20);
  });

  it("loses no hit under concurrency", async () => {
    const k = key();
    await Promise.all(Array.from({ length: 50 }, () => store.hit(k, 60_000)));
    expect((await store.hit(k, 60_000)).count).toBe(51);
  });
});

describe("the Upstash fixture", () => {
  it("refuses a wrong token like Upstash does", async () => {
    const response = await fetch(upstash.url, { method: "POST", headers: { authorization: "Bearer wrong" }, body: '["PING"]' });
    expect(response.status).toBe(401);
  });

  it("returns base64 strings except OK when asked", async () => {
    const response = await fetch(upstash.url, {
      method: "POST",
      headers: { authorization: `Bearer ${upstash.token}`, "upstash-encoding": "base64" },
      body: JSON.stringify(["ECHO", "hello"]),
    });
    expect(await response.json()).toEqual({ result: Buffer.from("hello").toString("base64") });
  });
});
