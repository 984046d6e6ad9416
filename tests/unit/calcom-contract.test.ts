import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { startCalcomSandbox, SANDBOX_VERSIONS, type CalcomSandbox } from "../sandboxes/calcom";
import { calcomClient } from "@/lib/calcom/api";
import { CAL_API_VERSION_HEADER, CALCOM_API_VERSIONS, versionHeaders } from "@/lib/calcom/versions";

/**
 * The one map of `cal-api-version` per endpoint, held against Cal.com's controllers as the
 * sandbox models them: each versioned endpoint answers its current shape only with the right
 * header, and the client notices (fails to parse) when a header is missing instead of
 * silently storing an older controller's answer.
 */

let sandbox: CalcomSandbox;
let apiKey: string;
let eventTypeId: number;

beforeAll(async () => {
  sandbox = await startCalcomSandbox();
  const user = sandbox.addUser({ email: "host@example.com", timeZone: "America/New_York" });
  apiKey = user.apiKey;
  eventTypeId = sandbox.addEventType(user, { title: "IV Drip", lengthInMinutes: 60 }).id;
});
afterAll(() => sandbox.stop());

const tomorrow = () => {
  const d = new Date(Date.now() + 2 * 86_400_000);
  d.setUTCHours(15, 0, 0, 0);
  return d;
};

function client(strip = false) {
  return calcomClient({
    baseUrl: sandbox.url,
    apiKey,
    timeoutMs: 2_000,
    fetch: strip
      ? (input, init) => {
          const headers = new Headers(init?.headers);
          headers.delete(CAL_API_VERSION_HEADER);
          return fetch(input, { ...init, headers });
        }
      : fetch,
  });
}

describe("cal-api-version per endpoint", () => {
  it("matches the versions Cal.com documents for each endpoint", () => {
    expect(CALCOM_API_VERSIONS["GET /v2/slots"]).toBe("2024-09-04");
    expect(CALCOM_API_VERSIONS["POST /v2/bookings"]).toBe("2026-02-25");
    expect(CALCOM_API_VERSIONS["GET /v2/bookings"]).toBe("2026-05-01");
    expect(CALCOM_API_VERSIONS["GET /v2/event-types"]).toBe("2024-06-14");
    for (const endpoint of ["GET /v2/bookings/{uid}", "POST /v2/bookings/{uid}/reschedule", "POST /v2/bookings/{uid}/cancel"] as const) {
      expect(CALCOM_API_VERSIONS[endpoint]).toBe(CALCOM_API_VERSIONS["POST /v2/bookings"]);
    }
    expect(versionHeaders("POST /v2/webhooks")).toEqual({});
    expect(versionHeaders("GET /v2/slots")).toEqual({ "cal-api-version": "2024-09-04" });
  });

  it("agrees with the controllers the sandbox stands in for", () => {
    expect(SANDBOX_VERSIONS).toEqual({
      eventTypes: CALCOM_API_VERSIONS["GET /v2/event-types"],
      slots: CALCOM_API_VERSIONS["GET /v2/slots"],
      bookings: CALCOM_API_VERSIONS["POST /v2/bookings"],
      bookingsList: CALCOM_API_VERSIONS["GET /v2/bookings"],
    });
  });

  it("with the map's headers, every call parses", async () => {
    const c = client();
    expect((await c.listEventTypes())[0]).toMatchObject({ id: eventTypeId, lengthInMinutes: 60 });
    const slots = await c.slots({ eventTypeId, start: tomorrow(), end: new Date(tomorrow().getTime() + 86_400_000), timeZone: "America/Chicago" });
    const first = Object.values(slots)[0]![0]!.start;
    // Asked for Chicago: the offset is Chicago's.
    expect(first).toMatch(/-0[56]:00$/);
    const booking = await c.createBooking({ eventTypeId, start: new Date(first), attendee: { name: "Rosa Diaz", email: "rosa@example.com", timeZone: "America/Chicago" } });
    expect(booking).toMatchObject({ status: "accepted", eventType: { id: eventTypeId } });
    expect((await c.listBookings({})).bookings.map((b) => b.uid)).toContain(booking.uid);
    const moved = await c.rescheduleBooking(booking.uid, { start: new Date(new Date(first).getTime() + 3_600_000) });
    expect(moved.rescheduledFromUid).toBe(booking.uid);
    expect(await c.cancelBooking(moved.uid, {})).toMatchObject({ status: "cancelled" });
  });

  it("without them, the older controllers' answers are refused, not stored", async () => {
    const c = client(true);
    await expect(c.listEventTypes()).rejects.toBeInstanceOf(ZodError);
    await expect(c.slots({ eventTypeId, start: tomorrow(), end: new Date(tomorrow().getTime() + 86_400_000), timeZone: "America/Chicago" })).rejects.toBeInstanceOf(ZodError);
    await expect(c.createBooking({ eventTypeId, start: new Date(tomorrow().getTime() + 2 * 3_600_000), attendee: { name: "R", email: "r@example.com", timeZone: "UTC" } })).rejects.toBeInstanceOf(ZodError);
  });

  it("refuses an offset-paginated bookings list instead of reading only its first page", async () => {
    const user = sandbox.addUser({ email: "busy@example.com" });
    const type = sandbox.addEventType(user, { title: "Busy", lengthInMinutes: 30, availability: { timeZone: "UTC", days: [0, 1, 2, 3, 4, 5, 6], from: "00:00", to: "23:30" } });
    for (let i = 0; i < 3; i++) sandbox.patientBooks(type.id, new Date(tomorrow().getTime() + i * 1_800_000), { name: "P", email: `p${i}@example.com`, timeZone: "UTC" });
    const stripped = calcomClient({
      baseUrl: sandbox.url,
      apiKey: user.apiKey,
      timeoutMs: 2_000,
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        headers.delete(CAL_API_VERSION_HEADER);
        return fetch(input, { ...init, headers });
      },
    });
    await expect(stripped.listBookings({ take: 2 })).rejects.toMatchObject({ code: "NO_CURSOR" });
  });

  it("retries a read refused with 429 once the window resets, and never a write", async () => {
    const limited = await startCalcomSandbox({ rateLimitPerMinute: 2, rateLimitWindowMs: 1_000 });
    try {
      const user = limited.addUser({ email: "limited@example.com" });
      const type = limited.addEventType(user, { title: "Drip", lengthInMinutes: 60, availability: { timeZone: "UTC", days: [0, 1, 2, 3, 4, 5, 6], from: "00:00", to: "23:00" } });
      const c = calcomClient({ baseUrl: limited.url, apiKey: user.apiKey, timeoutMs: 2_000, maxRetryWaitMs: 1_500 });
      await c.me();
      await c.me();
      expect((await c.listEventTypes())[0]!.id).toBe(type.id);
      expect(limited.requests.filter((r) => r.path === "/v2/event-types")).toHaveLength(2);
      // The retried read opened a new window: one more read fills it, and the write is refused.
      await c.me();
      await expect(c.createBooking({ eventTypeId: type.id, start: tomorrow(), attendee: { name: "R", email: "r@example.com", timeZone: "UTC" } })).rejects.toMatchObject({ status: 429 });
      expect(limited.requests.filter((r) => r.method === "POST" && r.path === "/v2/bookings")).toHaveLength(1);
      expect(limited.bookings.size).toBe(0);
    } finally {
      await limited.stop();
    }
  });

  it("speaks Cal.com's errors and rate limit", async () => {
    const bad = calcomClient({ baseUrl: sandbox.url, apiKey: "cal_live_wrong", timeoutMs: 2_000 });
    await expect(bad.me()).rejects.toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    const response = await fetch(`${sandbox.url}/v2/me`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(response.headers.get("x-ratelimit-limit-default")).toBe("120");
    expect(Number(response.headers.get("x-ratelimit-remaining-default"))).toBeLessThan(120);
  });
});
