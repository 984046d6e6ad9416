import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startGhlSandbox, type GhlSandbox } from "@/tests/sandboxes/ghl";
import { createGhlTransport } from "@/lib/ghl/http";

const INTERVAL_MS = 1_000;
const MAX = 5;

describe("GHL transport: an exhausted interval", () => {
  let sandbox: GhlSandbox;
  let contactId: string;

  beforeAll(async () => {
    sandbox = await startGhlSandbox({ rateLimit: { max: MAX, intervalMs: INTERVAL_MS } });
    contactId = sandbox.seedLocation({ id: "loc-t1", contacts: 1 }).contactIds[0] as string;
  });
  afterAll(() => sandbox.stop());

  it("is waited out to its end, not for a whole new interval, and spends no request on a 429", async () => {
    const pauses: number[] = [];
    const transport = createGhlTransport({
      baseUrl: sandbox.url,
      timeoutMs: 2_000,
      sleep: (ms) => (pauses.push(ms), new Promise((resolve) => setTimeout(resolve, ms))),
    });
    const { access_token } = sandbox.issueTokens({ locationId: "loc-t1" });
    const get = () =>
      transport({ method: "GET", path: `/contacts/${contactId}`, version: "2021-07-28", token: access_token, resource: "location:loc-t1" }, z.object({ contact: z.object({ id: z.string() }) }));

    await get();
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 1; i < MAX; i++) await get();
    expect(pauses).toEqual([]);
    await get();

    // The interval opened with the first answer, 300 ms and more before: only the rest is waited.
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toBeGreaterThan(0);
    expect(pauses[0]).toBeLessThanOrEqual(INTERVAL_MS - 300);
    expect(sandbox.requests.countByStatus()).toEqual({ 200: MAX + 1 });
  });
});
