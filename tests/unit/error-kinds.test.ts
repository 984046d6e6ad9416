import { describe, expect, it, vi } from "vitest";

/**
 * A production build bundles one module into several server chunks while some objects (the GHL
 * transport, say) are shared per process, so errors must be recognised by every copy of a class.
 */
describe("errors across module copies", () => {
  it("a GHL refusal is an instance of the other copy's class, and keeps the subclass apart", async () => {
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

  it("a UserError subclass from one copy is a UserError of another, and only its own subclass", async () => {
    const errorsA = await import("@/lib/errors");
    const ghlA = await import("@/lib/ghl/http");
    vi.resetModules();
    const errorsB = await import("@/lib/errors");
    const ghlB = await import("@/lib/ghl/http");
    expect(errorsA.UserError).not.toBe(errorsB.UserError);

    const unavailable = new ghlA.GhlUnavailableError(new Error("ECONNREFUSED"));
    expect(unavailable).toBeInstanceOf(errorsB.UserError);
    expect(unavailable).toBeInstanceOf(ghlB.GhlUnavailableError);
    expect(unavailable instanceof errorsB.NotFoundError).toBe(false);

    const missing = new errorsA.NotFoundError();
    expect(missing).toBeInstanceOf(errorsB.NotFoundError);
    expect(missing).toBeInstanceOf(errorsB.UserError);
    expect(missing instanceof errorsB.ForbiddenError).toBe(false);
    expect(new ghlA.GhlHttpError(500, {}, { method: "GET", path: "/" }) instanceof errorsB.UserError).toBe(false);
  });

  it("a subclass without a kind of its own is checked by prototype, never as its parent", async () => {
    const { UserError } = await import("@/lib/errors");
    class Unkinded extends UserError {}
    expect(new UserError("x", "y") instanceof Unkinded).toBe(false);
    expect(new Unkinded("x", "y")).toBeInstanceOf(Unkinded);
    expect(new Unkinded("x", "y")).toBeInstanceOf(UserError);
  });
});
