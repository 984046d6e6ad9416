import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startGhlSandbox, type GhlSandbox } from "@/tests/sandboxes/ghl";
import { call, type GhlErrorJson } from "@/tests/sandboxes/ghl/test-client";

const RATE_HEADERS = ["x-ratelimit-limit-daily", "x-ratelimit-daily-remaining", "x-ratelimit-interval-milliseconds", "x-ratelimit-max", "x-ratelimit-remaining"];

function rateHeaders(headers: Headers): Record<string, string | null> {
  return Object.fromEntries(RATE_HEADERS.map((name) => [name, headers.get(name)]));
}

describe("GHL sandbox: burst limit at GHL's defaults", () => {
  let sandbox: GhlSandbox;
  let contactId: string;

  beforeAll(async () => {
    sandbox = await startGhlSandbox();
    contactId = sandbox.seedLocation({ id: "loc-r1", contacts: 1 }).contactIds[0] as string;
    sandbox.seedLocation({ id: "loc-r2", contacts: 1 });
  });
  afterAll(() => sandbox.stop());

  it("allows 100 requests per 10 s per location, refuses the 101st with 429, and counts each location apart", async () => {
    const { access_token } = sandbox.issueTokens({ locationId: "loc-r1" });
    const first = await call(sandbox.url, `/contacts/${contactId}`, { token: access_token });
    expect(rateHeaders(first.headers)).toEqual({
      "x-ratelimit-limit-daily": "200000",
      "x-ratelimit-daily-remaining": "199999",
      "x-ratelimit-interval-milliseconds": "10000",
      "x-ratelimit-max": "100",
      "x-ratelimit-remaining": "99",
    });
    const statuses: number[] = [first.status];
    let last = first;
    for (let i = 2; i <= 100; i++) {
      last = await call(sandbox.url, `/contacts/${contactId}`, { token: access_token });
      statuses.push(last.status);
    }
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(last.headers.get("x-ratelimit-remaining")).toBe("0");

    const refused = await call<GhlErrorJson>(sandbox.url, `/contacts/${contactId}`, { token: access_token });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, message: "Too many requests" });
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(refused.headers.get("x-ratelimit-daily-remaining")).toBe("199900");
    expect(refused.headers.get("retry-after")).toBeNull();

    const otherLocation = sandbox.issueTokens({ locationId: "loc-r2" });
    const elsewhere = await call(sandbox.url, "/locations/loc-r2", { token: otherLocation.access_token });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.get("x-ratelimit-remaining")).toBe("99");
  });

  it("does not charge requests refused for a bad token", async () => {
    sandbox.resetRateLimits();
    for (let i = 0; i < 5; i++) expect((await call(sandbox.url, `/contacts/${contactId}`, { token: "bogus" })).status).toBe(401);
    const { access_token } = sandbox.issueTokens({ locationId: "loc-r1" });
    const next = await call(sandbox.url, `/contacts/${contactId}`, { token: access_token });
    expect(next.headers.get("x-ratelimit-remaining")).toBe("99");
  });
});

describe("GHL sandbox: windows, daily limit and Retry-After (controlled clock)", () => {
  let now = Date.parse("2026-05-04T10:00:00Z");
  let sandbox: GhlSandbox | undefined;
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = undefined;
  });

  async function burst(target: GhlSandbox, token: string, count: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) statuses.push((await call(target.url, "/locations/loc-c", { token })).status);
    return statuses;
  }

  it("opens a new window after the interval and says when in Retry-After if configured", async () => {
    sandbox = await startGhlSandbox({ clock: () => now, rateLimit: { max: 5, intervalMs: 10_000, sendRetryAfter: true } });
    sandbox.seedLocation({ id: "loc-c" });
    const { access_token } = sandbox.issueTokens({ locationId: "loc-c" });
    expect(await burst(sandbox, access_token, 6)).toEqual([200, 200, 200, 200, 200, 429]);
    now += 3_000;
    const refused = await call(sandbox.url, "/locations/loc-c", { token: access_token });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("7");
    now += 7_000;
    expect(await burst(sandbox, access_token, 6)).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("enforces the daily limit across windows", async () => {
    sandbox = await startGhlSandbox({ clock: () => now, rateLimit: { max: 5, intervalMs: 1_000, dailyMax: 7, sendRetryAfter: true } });
    sandbox.seedLocation({ id: "loc-c" });
    const { access_token } = sandbox.issueTokens({ locationId: "loc-c" });
    expect(await burst(sandbox, access_token, 5)).toEqual([200, 200, 200, 200, 200]);
    now += 1_000;
    expect(await burst(sandbox, access_token, 3)).toEqual([200, 200, 429]);
    now += 1_000;
    const refused = await call(sandbox.url, "/locations/loc-c", { token: access_token });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("x-ratelimit-daily-remaining")).toBe("0");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(86_000);
  });
});
