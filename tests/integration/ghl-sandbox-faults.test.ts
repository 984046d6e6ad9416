import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startGhlSandbox, type GhlSandbox, type TokenResponse } from "@/tests/sandboxes/ghl";
import { call } from "@/tests/sandboxes/ghl/test-client";

describe("GHL sandbox: fault injection", () => {
  let sandbox: GhlSandbox;
  let token: string;
  let contactId: string;
  const searchBody = { locationId: "loc-f", pageLimit: 5 };

  beforeAll(async () => {
    sandbox = await startGhlSandbox({ rateLimit: { max: 1_000 } });
    contactId = sandbox.seedLocation({ id: "loc-f", contacts: 20 }).contactIds[0] as string;
    token = sandbox.issueTokens({ locationId: "loc-f" }).access_token;
  });
  afterEach(() => sandbox.faults.clear());
  afterAll(() => sandbox.stop());

  const search = (signal?: AbortSignal) => call(sandbox.url, "/contacts/search", { token, json: searchBody, signal });
  const getContact = () => call(sandbox.url, `/contacts/${contactId}`, { token });

  it("answers the next N matching requests with 5xx, leaving other routes alone", async () => {
    sandbox.faults.failNext(3, { status: 503, match: { method: "POST", path: "/contacts/search" } });
    expect((await getContact()).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await search()).status);
    expect(statuses).toEqual([503, 503, 503, 200]);

    sandbox.faults.failNext(1, { status: 502 });
    const badGateway = await getContact();
    expect(badGateway.status).toBe(502);
    expect(badGateway.headers.get("content-type")).toContain("text/html");
    expect(badGateway.text).toContain("502 Bad Gateway");

    sandbox.faults.failNext(1);
    const internal = await getContact();
    expect(internal.status).toBe(500);
    expect(internal.body).toMatchObject({ statusCode: 500, traceId: expect.any(String) });
  });

  it("limits a fault to requests carrying given query parameters (one location's reads)", async () => {
    sandbox.faults.setErrorRate(1, { statuses: [503], match: { method: "GET", path: `/contacts/${contactId}`, query: { locationId: "loc-f" } } });
    expect((await call(sandbox.url, `/contacts/${contactId}`, { token, query: { locationId: "loc-f" } })).status).toBe(503);
    expect((await call(sandbox.url, `/contacts/${contactId}`, { token, query: { locationId: "loc-other" } })).status).toBe(200);
    expect((await getContact()).status).toBe(200);
  });

  it("answers a 429 storm with rate-limit headers, then recovers", async () => {
    sandbox.faults.rateLimitStorm(2, { path: /^\/contacts\// });
    const first = await getContact();
    expect(first.status).toBe(429);
    expect(first.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(first.headers.get("x-ratelimit-max")).toBe("1000");
    expect((await search()).status).toBe(429);
    expect((await getContact()).status).toBe(200);
  });

  it("fails a seeded share of requests at a given error rate", async () => {
    sandbox.faults.setErrorRate(0.5, { statuses: [500, 503] });
    const statuses = [];
    for (let i = 0; i < 40; i++) statuses.push((await getContact()).status);
    const failures = statuses.filter((status) => status >= 500);
    expect(failures.length).toBeGreaterThan(5);
    expect(failures.length).toBeLessThan(35);
    expect(failures.every((status) => status === 500 || status === 503)).toBe(true);
    sandbox.faults.setErrorRate(0);
    expect((await getContact()).status).toBe(200);
  });

  it("adds latency to matching requests", async () => {
    sandbox.faults.addLatency(400, { path: "/contacts/search" });
    const slowStart = performance.now();
    expect((await search()).status).toBe(200);
    expect(performance.now() - slowStart).toBeGreaterThanOrEqual(395);
    const fastStart = performance.now();
    expect((await getContact()).status).toBe(200);
    expect(performance.now() - fastStart).toBeLessThan(395);
  });

  it("leaves a request hanging so the client's timeout fires, then serves the next one", async () => {
    sandbox.requests.clear();
    sandbox.faults.hangNext(1, { path: "/contacts/search" });
    await expect(search(AbortSignal.timeout(200))).rejects.toMatchObject({ name: "TimeoutError" });
    expect((await search()).status).toBe(200);
    const [hung, served] = sandbox.requests.entries({ route: "POST /contacts/search" });
    expect(hung?.fault).toBe("hang");
    expect(hung?.status).toBeUndefined();
    expect(served).toMatchObject({ status: 200, resource: "location:loc-f" });
  });

  it("expires every access token on demand; the refresh token still gets a new one", async () => {
    const pair = sandbox.issueTokens({ locationId: "loc-f" });
    expect((await call(sandbox.url, `/contacts/${contactId}`, { token: pair.access_token })).status).toBe(200);
    sandbox.expireAllAccessTokens();
    expect((await call(sandbox.url, `/contacts/${contactId}`, { token: pair.access_token })).status).toBe(401);
    const refreshed = await call<TokenResponse>(sandbox.url, "/oauth/token", {
      version: null,
      form: { client_id: sandbox.clientId, client_secret: sandbox.clientSecret, grant_type: "refresh_token", refresh_token: pair.refresh_token },
    });
    expect(refreshed.status).toBe(200);
    expect((await call(sandbox.url, `/contacts/${contactId}`, { token: refreshed.body.access_token })).status).toBe(200);
    token = refreshed.body.access_token;
  });

  it("counts requests per route and status", async () => {
    sandbox.requests.clear();
    sandbox.faults.failNext(1, { status: 503, match: { path: "/contacts/search" } });
    for (let i = 0; i < 3; i++) await search();
    for (let i = 0; i < 2; i++) await getContact();
    await call(sandbox.url, "/nowhere", { token });
    expect(sandbox.requests.countByRoute()).toEqual({ "POST /contacts/search": 3, "GET /contacts/:contactId": 2, "GET /nowhere": 1 });
    expect(sandbox.requests.countByStatus("POST /contacts/search")).toEqual({ 200: 2, 503: 1 });
    expect(sandbox.requests.count()).toBe(6);
  });
});

describe("GHL sandbox: stop()", () => {
  it("returns promptly while a request hangs", async () => {
    const sandbox = await startGhlSandbox();
    sandbox.seedLocation({ id: "loc-s" });
    const { access_token } = sandbox.issueTokens({ locationId: "loc-s" });
    sandbox.faults.hangNext(Infinity);
    const pending = call(sandbox.url, "/locations/loc-s", { token: access_token }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stoppedAt = performance.now();
    await sandbox.stop();
    expect(performance.now() - stoppedAt).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
