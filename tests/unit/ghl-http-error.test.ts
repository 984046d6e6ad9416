import { describe, expect, it, vi } from "vitest";

/**
 * A production build bundles lib/ghl/http.ts into several server chunks while the transport is
 * shared per process, so its errors must be recognised by every copy of the classes.
 */
describe("GhlHttpError across module copies", () => {
  it("is an instance of the other copy's class, and keeps the subclass apart", async () => {
    const a = await import("@/lib/ghl/http");
    vi.resetModules();
    const b = await import("@/lib/ghl/http");
    expect(a.GhlHttpError).not.toBe(b.GhlHttpError);
    const request = { method: "POST" as const, path: "/calendars/events/appointments" };
    const refused = new a.GhlHttpError(400, { message: "The slot you have selected is no longer available." }, request);
    const expired = new a.GhlUnauthorizedError(401, { message: "Invalid token" }, request);
    expect(refused).toBeInstanceOf(b.GhlHttpError);
    expect(refused instanceof b.GhlUnauthorizedError).toBe(false);
    expect(expired).toBeInstanceOf(b.GhlUnauthorizedError);
    expect(expired).toBeInstanceOf(b.GhlHttpError);
    expect(expired).toBeInstanceOf(Error);
    expect(new Error("plain") instanceof b.GhlHttpError).toBe(false);
    expect((null as unknown) instanceof b.GhlHttpError).toBe(false);
  });
});
