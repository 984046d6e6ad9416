import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startGhlSandbox, type GhlSandbox } from "@/tests/sandboxes/ghl";
import { call, type AppointmentJson, type GhlErrorJson } from "@/tests/sandboxes/ghl/test-client";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/sandboxes/ghl/webhook-receiver";

/**
 * Where real GHL differs from what its spec files suggest (GoHighLevel/highlevel-api-docs and
 * the official SDK): the sandbox behaves like GHL, so Sidecar's tests would catch each case.
 */

const CALLBACK = "http://127.0.0.1:3000/api/integrations/ghl/callback";
const HOUR_MS = 3_600_000;

describe("GHL sandbox: installs as GHL does them", () => {
  let sandbox: GhlSandbox;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startGhlSandbox({ autoWebhooks: receiver.url, autoWebhookRetry: false });
    sandbox.seedLocation({ id: "loc-1" });
    sandbox.seedLocation({ id: "loc-2", installed: false });
  });
  afterAll(async () => {
    await sandbox.stop();
    await receiver.stop();
  });

  it("refuses an authorize link without version_id, as GHL does (error.noversionid)", async () => {
    const without = await fetch(sandbox.authorizeUrl({ redirectUri: CALLBACK, state: "s", versionId: null }), { redirect: "manual" });
    expect(without.status).toBe(400);
    expect(await without.json()).toMatchObject({ message: "error.noversionid" });
    const withIt = await fetch(sandbox.authorizeUrl({ redirectUri: CALLBACK, state: "s" }), { redirect: "manual" });
    expect(withIt.status).toBe(302);
    expect(new URL(withIt.headers.get("location")!).searchParams.get("state")).toBe("s");
    await sandbox.flushWebhooks();
  });

  it("comes back from a Marketplace install with a code and no state, and sends INSTALL", async () => {
    const before = receiver.received.length;
    const landing = new URL(sandbox.marketplaceInstall({ redirectUri: CALLBACK }));
    expect(landing.searchParams.get("code")).toMatch(/^[0-9a-f]{40}$/);
    expect(landing.searchParams.has("state")).toBe(false);
    await sandbox.flushWebhooks();
    expect(receiver.received.slice(before).map((d) => d.json)).toEqual([expect.objectContaining({ type: "INSTALL", installType: "Company", companyId: sandbox.companyId })]);
    const exchanged = await call(sandbox.url, "/oauth/token", {
      version: null,
      form: { client_id: sandbox.clientId, client_secret: sandbox.clientSecret, grant_type: "authorization_code", code: landing.searchParams.get("code")!, user_type: "Company" },
    });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({ userType: "Company", companyId: sandbox.companyId });
  });

  it("answers a bad authorization code with GHL's 401 body", async () => {
    const bad = await call(sandbox.url, "/oauth/token", {
      version: null,
      form: { client_id: sandbox.clientId, client_secret: sandbox.clientSecret, grant_type: "authorization_code", code: "nope" },
    });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ error: "UnAuthorized!", error_description: "Authorization code not found", traceId: expect.any(String) });
  });

  it("mints location tokens with 201, and refuses a sub-account without the app", async () => {
    sandbox.seedLocation({ id: "loc-3", installed: false });
    const agency = sandbox.issueTokens({ userType: "Company" }).access_token;
    const minted = await call(sandbox.url, "/oauth/locationToken", { token: agency, form: { companyId: sandbox.companyId, locationId: "loc-1" } });
    expect(minted.status).toBe(201);
    expect(minted.body).not.toHaveProperty("refresh_token");
    const refused = await call<GhlErrorJson>(sandbox.url, "/oauth/locationToken", { token: agency, form: { companyId: sandbox.companyId, locationId: "loc-3" } });
    expect(refused.status).toBe(401);
    const installed = await call<{ locations: Array<{ _id: string }> }>(sandbox.url, "/oauth/installedLocations", {
      token: agency,
      query: { companyId: sandbox.companyId, appId: sandbox.appId, isInstalled: "true" },
    });
    expect(installed.body.locations.map((l) => l._id)).not.toContain("loc-3");
  });

  it("sends UNINSTALL for a sub-account (locationId) or the whole company (companyId alone)", async () => {
    const before = receiver.received.length;
    sandbox.uninstall({ locationId: "loc-1" });
    sandbox.uninstall({ companyId: sandbox.companyId });
    await sandbox.flushWebhooks();
    const [one, all] = receiver.received.slice(before).map((d) => d.json);
    expect(one).toMatchObject({ type: "UNINSTALL", appId: sandbox.appId, locationId: "loc-1" });
    expect(all).toMatchObject({ type: "UNINSTALL", appId: sandbox.appId, companyId: sandbox.companyId });
    expect(all).not.toHaveProperty("locationId");
    expect(sandbox.store.getLocation("loc-2")?.installedAt).toBeUndefined();
  });
});

describe("GHL sandbox: appointment bookings as GHL validates them", () => {
  let sandbox: GhlSandbox;
  let token: string;
  let contactId: string;
  /** Next Wednesday 00:00 in UTC: the calendar is open 09:00–12:00 UTC on weekdays. */
  let wednesday: number;
  beforeAll(async () => {
    sandbox = await startGhlSandbox();
    contactId = sandbox.seedLocation({
      id: "utc",
      timezone: "UTC",
      contacts: 2,
      calendars: [{ id: "cal", name: "Chair", slotDuration: 60, slotInterval: 60, minimumNoticeMinutes: 24 * 60, openHours: [{ daysOfTheWeek: [1, 2, 3, 4, 5], hours: [{ openHour: 9, openMinute: 0, closeHour: 12, closeMinute: 0 }] }] }],
    }).contactIds[0] as string;
    token = sandbox.issueTokens({ locationId: "utc" }).access_token;
    const today = new Date();
    const daysAhead = ((3 - today.getUTCDay() + 7) % 7) + 7;
    wednesday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + daysAhead);
  });
  afterAll(() => sandbox.stop());

  const book = (json: Record<string, unknown>) =>
    call<AppointmentJson & GhlErrorJson>(sandbox.url, "/calendars/events/appointments", { token, json: { calendarId: "cal", locationId: "utc", contactId, ...json } });
  const at = (ms: number) => new Date(ms).toISOString();

  it("refuses `notes` in the body: notes have their own endpoint", async () => {
    const refused = await book({ startTime: at(wednesday + 9 * HOUR_MS), notes: "Bring ID" });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain("property notes should not exist");
  });

  it("refuses times outside open hours, inside the minimum notice, or already taken, unless ignoreFreeSlotValidation", async () => {
    const refusal = { statusCode: 400, message: "The slot you have selected is no longer available." };
    expect((await book({ startTime: at(wednesday + 7 * HOUR_MS) })).body).toMatchObject(refusal); // before opening
    expect((await book({ startTime: at(wednesday + 9 * HOUR_MS + 15 * 60_000) })).body).toMatchObject(refusal); // between slots
    const soon = Math.ceil((Date.now() + 2 * HOUR_MS) / HOUR_MS) * HOUR_MS;
    expect((await book({ startTime: at(soon), ignoreFreeSlotValidation: false })).status).toBe(400); // inside the 24 h notice (or closed)
    const first = await book({ startTime: at(wednesday + 10 * HOUR_MS) });
    expect(first.status).toBe(200);
    expect((await book({ startTime: at(wednesday + 10 * HOUR_MS) })).body).toMatchObject(refusal); // taken
    const anyway = await book({ startTime: at(wednesday + 7 * HOUR_MS), ignoreFreeSlotValidation: true });
    expect(anyway.status).toBe(200);
  });

  it("takes notes at /calendars/appointments/{id}/notes and lists them", async () => {
    const booked = await book({ startTime: at(wednesday + 11 * HOUR_MS) });
    const created = await call<{ note: { id: string; body: string } }>(sandbox.url, `/calendars/appointments/${booked.body.id}/notes`, { token, json: { body: "Bring ID" } });
    expect(created.status).toBe(201);
    expect(created.body.note).toMatchObject({ body: "Bring ID" });
    const strict = await call<GhlErrorJson>(sandbox.url, `/calendars/appointments/${booked.body.id}/notes`, { token, json: { body: "x", pinned: true } });
    expect(strict.status).toBe(422);
    const listed = await call<{ notes: Array<{ body: string }>; hasMore: boolean }>(sandbox.url, `/calendars/appointments/${booked.body.id}/notes`, { token, query: { limit: 10, offset: 0 } });
    expect(listed.body).toEqual({ notes: [expect.objectContaining({ body: "Bring ID" })], hasMore: false });
  });
});

describe("GHL sandbox: webhook redelivery", () => {
  let receiver: WebhookReceiver;
  let sandbox: GhlSandbox;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(() => sandbox?.stop());
  afterAll(() => receiver.stop());

  it("redelivers background webhooks after any non-2xx until one succeeds", async () => {
    sandbox = await startGhlSandbox({ autoWebhooks: receiver.url, autoWebhookRetry: { retries: 5, delayMs: 2 } });
    sandbox.seedLocation({ id: "loc-r" });
    const location = sandbox.issueTokens({ locationId: "loc-r" }).access_token;
    receiver.respondWith([500, 502, 404]);
    const before = receiver.received.length;
    await call(sandbox.url, "/contacts/", { token: location, json: { locationId: "loc-r", firstName: "Retry" } });
    await sandbox.flushWebhooks();
    const deliveries = receiver.received.slice(before);
    expect(deliveries).toHaveLength(4);
    expect(new Set(deliveries.map((d) => d.raw.toString("utf8"))).size).toBe(1);
    expect(deliveries[0]!.json).not.toHaveProperty("dateUpdated");
  });
});
