import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/auth/[...all]/route";
import { RATE_LIMITS } from "@/lib/ratelimit";
import { resetDatabase } from "../support/db";

beforeAll(async () => {
  await resetDatabase();
});

/** Asks for a sign-in code as the client behind `forwardedFor` (what the proxy passes on). */
function requestCode(email: string, forwardedFor: string) {
  return POST(
    new Request("http://localhost:3000/api/auth/email-otp/send-verification-otp", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ email, type: "sign-in" }),
    }),
  );
}

describe("sign-in code limits per client address", () => {
  it("count the address the proxy appended, so rotating a forged X-Forwarded-For does not reset them", async () => {
    const client = `198.51.100.${randomInt(1, 254)}`;
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMITS.codeRequestsPerIp.limit; i++) {
      // A fresh address per request (the per-email limit never trips) and a forged first hop.
      const response = await requestCode(`nobody-${i}-${randomInt(1e9)}@example.com`, `10.${i}.${randomInt(255)}.1, ${client}`);
      statuses.push(response.status);
    }
    expect(statuses.slice(0, RATE_LIMITS.codeRequestsPerIp.limit).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another client behind the same proxy, forging the same way, has a count of its own: a
    // chain the limiter cannot read is not lumped together (or, in production, skipped).
    expect((await requestCode(`other-${randomInt(1e9)}@example.com`, `10.9.9.9, 203.0.113.${randomInt(1, 254)}`)).status).toBe(200);
  });
});
