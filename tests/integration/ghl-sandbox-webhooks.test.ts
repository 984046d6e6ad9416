import { createVerify, verify } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ghlBackoff, startGhlSandbox, type GhlSandbox } from "@/tests/sandboxes/ghl";
import { call, type AppointmentJson, type ContactJson } from "@/tests/sandboxes/ghl/test-client";
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from "@/tests/sandboxes/ghl/webhook-receiver";

function signatureOf(delivery: ReceivedWebhook): Buffer {
  return Buffer.from(String(delivery.headers["x-ghl-signature"]), "base64");
}

describe("GHL sandbox: signed webhooks", () => {
  let sandbox: GhlSandbox;
  let receiver: WebhookReceiver;
  let contactIds: string[];
  let appointmentId: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startGhlSandbox({ webhookTargetUrl: receiver.url, legacyRsaSignature: true });
    const seeded = sandbox.seedLocation({ id: "loc-w", timezone: "America/Denver", contacts: 6, appointments: 3 });
    contactIds = seeded.contactIds;
    appointmentId = seeded.appointmentIds[0] as string;
  });
  beforeEach(() => void receiver.received.splice(0));
  afterAll(async () => {
    await sandbox.stop();
    await receiver.stop();
  });

  it("signs the raw body with Ed25519; the signature fails on a tampered body", async () => {
    const statuses = await sandbox.sendWebhook(sandbox.events.contactUpdate(contactIds[0] as string));
    expect(statuses).toEqual([200]);
    const [delivery] = receiver.received;
    if (!delivery) throw new Error("no delivery");
    expect(delivery.headers["content-type"]).toBe("application/json");
    expect(signatureOf(delivery)).toHaveLength(64);
    expect(verify(null, delivery.raw, sandbox.webhookPublicKeyPem, signatureOf(delivery))).toBe(true);

    const tampered = Buffer.from(delivery.raw.toString("utf8").replace(/"type":"ContactUpdate"/, '"type":"ContactDelete"'));
    expect(tampered.equals(delivery.raw)).toBe(false);
    expect(verify(null, tampered, sandbox.webhookPublicKeyPem, signatureOf(delivery))).toBe(false);

    const rsa = createVerify("sha256").update(delivery.raw).verify(sandbox.webhookRsaPublicKeyPem ?? "", String(delivery.headers["x-wh-signature"]), "base64");
    expect(rsa).toBe(true);
  });

  it("puts contact fields at the top level and appointment fields under `appointment`", async () => {
    const contact = sandbox.store.getContact(contactIds[1] as string);
    await sandbox.sendWebhook(sandbox.events.contactCreate(contactIds[1] as string));
    await sandbox.sendWebhook(sandbox.events.appointmentUpdate(appointmentId));
    const [contactEvent, appointmentEvent] = receiver.received.map((delivery) => delivery.json);
    expect(contactEvent).toMatchObject({
      type: "ContactCreate",
      locationId: "loc-w",
      id: contact?.id,
      email: contact?.email,
      tags: contact?.tags,
      webhookId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    // Real Contact* payloads carry no dateUpdated (appointment payloads do).
    expect(contactEvent).not.toHaveProperty("dateUpdated");
    expect(Date.parse(String(contactEvent?.timestamp))).toBeGreaterThan(Date.now() - 5_000);
    expect(appointmentEvent).toMatchObject({
      type: "AppointmentUpdate",
      locationId: "loc-w",
      appointment: { id: appointmentId, calendarId: expect.any(String), dateUpdated: expect.stringMatching(/-0[67]:00$/), startTime: expect.stringMatching(/-0[67]:00$/) },
    });
    expect(appointmentEvent).not.toHaveProperty("id");
  });

  it("delivers duplicates as the very same signed bytes, spaced by delayMs", async () => {
    const startedAt = performance.now();
    const statuses = await sandbox.sendWebhook(sandbox.events.contactTagUpdate(contactIds[2] as string), { duplicate: 2, delayMs: 40 });
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(115);
    expect(statuses).toEqual([200, 200, 200]);
    const [first, ...copies] = receiver.received;
    expect(copies).toHaveLength(2);
    for (const copy of copies) {
      expect(copy.raw.equals(first?.raw ?? Buffer.alloc(0))).toBe(true);
      expect(copy.headers["x-ghl-signature"]).toBe(first?.headers["x-ghl-signature"]);
    }
  });

  it("delivers a batch out of order when shuffled, each event once", async () => {
    const events = contactIds.map((id) => sandbox.events.contactUpdate(id));
    const { order, statuses } = await sandbox.sendWebhooks(events, { shuffle: true });
    expect(order).not.toEqual(events.map((_, index) => index));
    expect([...order].sort()).toEqual(events.map((_, index) => index));
    expect(statuses).toEqual(events.map(() => [200]));
    expect(receiver.received.map((delivery) => delivery.json.webhookId)).toEqual(order.map((index) => events[index]?.webhookId));
  });

  it("retries any non-2xx answer with the same signed bytes, and only when asked", async () => {
    const retry = { retries: 6, delayMs: 5 };
    receiver.respondWith([429, 500, 503, 404]);
    expect(await sandbox.sendWebhook(sandbox.events.contactUpdate(contactIds[3] as string), { retry })).toEqual([429, 500, 503, 404, 200]);
    const attempts = receiver.received.slice(-5);
    expect(new Set(attempts.map((delivery) => delivery.raw.toString("utf8"))).size).toBe(1);
    expect(new Set(attempts.map((delivery) => delivery.headers["x-ghl-signature"])).size).toBe(1);
    receiver.respondWith([500]);
    expect(await sandbox.sendWebhook(sandbox.events.contactUpdate(contactIds[3] as string))).toEqual([500]);
    receiver.respondWith([401, 401, 401]);
    expect(await sandbox.sendWebhook(sandbox.events.contactUpdate(contactIds[3] as string), { retry: { retries: 2, delayMs: 1 } })).toEqual([401, 401, 401]);
  });

  it("spaces retries like GHL: growing delays from a configurable first one", async () => {
    const policy = ghlBackoff(1000, 12, () => 0.5);
    const delays = Array.from({ length: 12 }, (_, attempt) => (policy.delayMs as (attempt: number) => number)(attempt));
    expect(policy.retries).toBe(12);
    expect(delays.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    // Twelve retries at GHL's scale (about a minute first) span more than a day.
    expect(delays.reduce((sum, d) => sum + d, 0) * 60).toBeGreaterThan(86_400_000);
    const jittered = ghlBackoff(1000, 12, () => 0.99);
    expect((jittered.delayMs as (attempt: number) => number)(0)).toBe(1196);
  });

  it("signs custom raw bytes as given, and can send a forged or missing signature", async () => {
    const event = sandbox.events.contactDelete(contactIds[4] as string, { timestamp: "2020-01-01T00:00:00.000Z" });
    const pretty = JSON.stringify(event, null, 2);
    await sandbox.sendWebhook(event, { rawBody: pretty });
    await sandbox.sendWebhook(event, { signature: Buffer.alloc(64).toString("base64") });
    await sandbox.sendWebhook(event, { signature: null });
    const [asGiven, forged, unsigned] = receiver.received;
    expect(asGiven?.raw.toString("utf8")).toBe(pretty);
    expect(asGiven?.json.timestamp).toBe("2020-01-01T00:00:00.000Z");
    expect(verify(null, asGiven?.raw ?? Buffer.alloc(0), sandbox.webhookPublicKeyPem, signatureOf(asGiven as ReceivedWebhook))).toBe(true);
    expect(verify(null, Buffer.from(JSON.stringify(asGiven?.json)), sandbox.webhookPublicKeyPem, signatureOf(asGiven as ReceivedWebhook))).toBe(false);
    expect(verify(null, forged?.raw ?? Buffer.alloc(0), sandbox.webhookPublicKeyPem, signatureOf(forged as ReceivedWebhook))).toBe(false);
    expect(unsigned?.headers).not.toHaveProperty("x-ghl-signature");
  });

  it("builds events for deleted records from their last state", async () => {
    const id = contactIds[5] as string;
    sandbox.store.deleteContact(id);
    expect(sandbox.events.contactDelete(id)).toMatchObject({ type: "ContactDelete", id, locationId: "loc-w" });
    expect(() => sandbox.events.contactDelete("no-such-contact")).toThrow(/no contact/);
  });
});

describe("GHL sandbox: autoWebhooks", () => {
  let receiver: WebhookReceiver;
  let sandbox: GhlSandbox | undefined;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await sandbox?.stop();
    receiver.received.splice(0);
  });
  afterAll(() => receiver.stop());

  it("sends the matching webhook for each write made through the API", async () => {
    sandbox = await startGhlSandbox({ autoWebhooks: receiver.url });
    const calendarId = sandbox.seedLocation({ id: "loc-auto", calendars: 1 }).calendarIds[0] as string;
    const { access_token: token } = sandbox.issueTokens({ locationId: "loc-auto" });

    const created = await call<{ contact: ContactJson }>(sandbox.url, "/contacts/", { token, json: { locationId: "loc-auto", firstName: "Auto", email: "auto@example.com" } });
    await call(sandbox.url, `/contacts/${created.body.contact.id}`, { method: "PUT", token, json: { tags: ["vip"] } });
    const booked = await call<AppointmentJson>(sandbox.url, "/calendars/events/appointments", {
      token,
      json: { calendarId, locationId: "loc-auto", contactId: created.body.contact.id, startTime: "2031-06-02T15:00:00Z", ignoreFreeSlotValidation: true },
    });
    await call(sandbox.url, `/calendars/events/${booked.body.id}`, { method: "DELETE", token });
    await call(sandbox.url, `/contacts/${created.body.contact.id}`, { method: "DELETE", token });
    await sandbox.flushWebhooks();

    const received = receiver.received.map((delivery) => delivery.json);
    expect(received.map((event) => event.type).sort()).toEqual(["AppointmentCreate", "AppointmentDelete", "ContactCreate", "ContactDelete", "ContactTagUpdate", "ContactUpdate"]);
    expect(received.find((event) => event.type === "ContactCreate")).toMatchObject({ id: created.body.contact.id, email: "auto@example.com" });
    expect(received.find((event) => event.type === "ContactTagUpdate")).toMatchObject({ tags: ["vip"] });
    expect(received.find((event) => event.type === "AppointmentDelete")).toMatchObject({ appointment: { id: booked.body.id } });
    for (const delivery of receiver.received) expect(verify(null, delivery.raw, sandbox.webhookPublicKeyPem, signatureOf(delivery))).toBe(true);
  });

  it("sends INSTALL when the authorize page approves", async () => {
    sandbox = await startGhlSandbox({ autoWebhooks: receiver.url });
    sandbox.seedLocation({ id: "loc-install" });
    const response = await fetch(sandbox.authorizeUrl({ redirectUri: "http://127.0.0.1:3000/cb" }), { redirect: "manual" });
    expect(response.status).toBe(302);
    await sandbox.flushWebhooks();
    expect(receiver.received.map((delivery) => delivery.json)).toEqual([
      expect.objectContaining({ type: "INSTALL", installType: "Location", locationId: "loc-install", companyId: sandbox.companyId, appId: sandbox.appId }),
    ]);
  });

  it("logs failed background deliveries and keeps serving", async () => {
    const logged: string[] = [];
    sandbox = await startGhlSandbox({ autoWebhooks: "http://127.0.0.1:9/unreachable", autoWebhookRetry: false, log: (message) => void logged.push(message) });
    sandbox.seedLocation({ id: "loc-down" });
    const { access_token: token } = sandbox.issueTokens({ locationId: "loc-down" });
    const created = await call(sandbox.url, "/contacts/", { token, json: { locationId: "loc-down", firstName: "Still" } });
    expect(created.status).toBe(201);
    await sandbox.flushWebhooks();
    expect(logged).toEqual([expect.stringContaining("webhook ContactCreate to http://127.0.0.1:9/unreachable failed")]);

    receiver.respondWith([429, 429, 429]);
    await sandbox.stop();
    sandbox = await startGhlSandbox({ autoWebhooks: receiver.url, autoWebhookRetry: { retries: 2, delayMs: 1 }, log: (message) => void logged.push(message) });
    sandbox.seedLocation({ id: "loc-busy" });
    const busy = sandbox.issueTokens({ locationId: "loc-busy" });
    await call(sandbox.url, "/contacts/", { token: busy.access_token, json: { locationId: "loc-busy", firstName: "Busy" } });
    await sandbox.flushWebhooks();
    expect(receiver.received).toHaveLength(3);
    expect(logged.at(-1)).toContain("answered 429, 429, 429");
  });
});
