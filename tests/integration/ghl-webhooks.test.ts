import { generateKeyPairSync, sign } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GhlSandbox, GhlWebhookEvent } from "../sandboxes/ghl";
import { prisma, resetDatabase } from "../support/db";
import { seedOrg } from "../support/factories";
import { connectAgency, resetGhlTransport, seedClinic, startSuiteSandbox } from "../support/ghl";
import { serveRoute } from "../support/serve-route";
import { POST } from "@/app/api/webhooks/ghl/route";
import { forgetGhlTenants } from "@/lib/ghl/webhooks";
import { drainGhlInbox } from "@/lib/ghl/webhook-drain";
import { webhookRoute } from "@/lib/entry/webhook-route";

let ghl: GhlSandbox;
let endpoint: Awaited<ReturnType<typeof serveRoute>>;
let target: string;
let clinic: Awaited<ReturnType<typeof seedClinic>>;

beforeAll(async () => {
  endpoint = await serveRoute(POST);
  target = `${endpoint.url}/api/webhooks/ghl`;
  ghl = await startSuiteSandbox({ webhookTargetUrl: target });
});
afterAll(async () => {
  await ghl.stop();
  await endpoint.close();
});

beforeEach(async () => {
  await resetDatabase();
  resetGhlTransport();
  forgetGhlTenants();
  const org = await seedOrg();
  clinic = await seedClinic(ghl, org.id, { contacts: 3, calendars: 1 });
});

const storedEvents = () => prisma.webhookInbox.count();
/** Acknowledged deliveries are applied by the drain; these tests run it where the server's loop would. */
const drain = () => drainGhlInbox();
/** Sends, then drains: what a sender sees plus what the clinic's copy then holds. */
async function deliver(...args: Parameters<GhlSandbox["sendWebhook"]>) {
  const statuses = await ghl.sendWebhook(...args);
  await drain();
  return statuses;
}
async function deliverAll(...args: Parameters<GhlSandbox["sendWebhooks"]>) {
  const result = await ghl.sendWebhooks(...args);
  await drain();
  return result;
}
const contactRow = (ghlContactId: string) => prisma.contact.findFirst({ where: { ghlContactId } });

describe("GHL webhooks: security", () => {
  it("accepts a correctly signed event, stores it once, and the drain applies it", async () => {
    const id = clinic.seeded.contactIds[0]!;
    expect(await ghl.sendWebhook(ghl.events.contactCreate(id))).toEqual([200]);
    // Acknowledged before anything is applied: the raw event waits in the inbox.
    expect(await prisma.webhookInbox.findMany({ select: { status: true, recordId: true, organizationId: true } })).toEqual([
      { status: "pending", recordId: id, organizationId: clinic.location.organizationId },
    ]);
    expect(await contactRow(id)).toBeNull();
    await drain();
    expect(await contactRow(id)).toMatchObject({ ghlContactId: id, organizationId: clinic.location.organizationId });
    expect(await prisma.webhookInbox.findMany({ select: { status: true, attempts: true } })).toEqual([{ status: "done", attempts: 1 }]);
  });

  it("refuses a missing or forged signature and stores nothing", async () => {
    const event = ghl.events.contactCreate(clinic.seeded.contactIds[0]!);
    expect(await ghl.sendWebhook(event, { signature: null })).toEqual([401]);
    expect(await ghl.sendWebhook(event, { signature: Buffer.alloc(64, 7).toString("base64") })).toEqual([401]);
    expect(await ghl.sendWebhook(event, { signature: "not-base64!" })).toEqual([401]);
    expect(await storedEvents()).toBe(0);
    expect(await prisma.contact.count()).toBe(0);
  });

  it("refuses a body signed with another key", async () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const body = JSON.stringify(ghl.events.contactCreate(clinic.seeded.contactIds[0]!));
    const signature = sign(null, Buffer.from(body), privateKey).toString("base64");
    expect(await ghl.sendWebhook(JSON.parse(body), { rawBody: body, signature })).toEqual([401]);
    expect(await storedEvents()).toBe(0);
  });

  it("refuses a tampered body", async () => {
    const event = ghl.events.contactCreate(clinic.seeded.contactIds[0]!);
    const original = JSON.stringify(event);
    // The genuine signature of the original bytes, sent with a body altered in one field.
    const statuses = await ghl.sendWebhook(event, { rawBody: original.replace(/"id":"[^"]+"/, '"id":"someone-else"'), signature: await signatureOf(original) });
    expect(statuses).toEqual([401]);
    expect(await storedEvents()).toBe(0);
  });

  it("accepts a signed redelivery however old, once: the webhookId is the replay guard", async () => {
    // GHL retries after a 429 for about an hour with the original timestamp.
    const old = ghl.events.contactUpdate(clinic.seeded.contactIds[0]!, { timestamp: new Date(Date.now() - 60 * 60_000).toISOString() });
    expect(await ghl.sendWebhook(old)).toEqual([200]);
    expect(await ghl.sendWebhook(old)).toEqual([200]);
    expect(await storedEvents()).toBe(1);
  });

  it("acknowledges an event type the drain has no handler for and stores nothing", async () => {
    const event = { type: "OpportunityCreate", locationId: clinic.clinic.ghlLocationId, id: "opp-1", webhookId: "opp-delivery-1", timestamp: new Date().toISOString() };
    expect(await ghl.sendWebhook(event as unknown as GhlWebhookEvent)).toEqual([200]);
    expect(await storedEvents()).toBe(0);
  });

  it("ignores an unknown location with 200 and stores nothing", async () => {
    const stranger = ghl.seedLocation({ id: "not-a-sidecar-clinic", contacts: 1 });
    expect(await ghl.sendWebhook(ghl.events.contactCreate(stranger.contactIds[0]!))).toEqual([200]);
    expect(await storedEvents()).toBe(0);
    expect(await prisma.contact.count()).toBe(0);
  });

  it("answers 400 to malformed JSON and 413 to an oversized body, storing nothing", async () => {
    const event = ghl.events.contactCreate(clinic.seeded.contactIds[0]!);
    expect(await ghl.sendWebhook(event, { rawBody: "{not json" })).toEqual([400]);
    expect(await ghl.sendWebhook(event, { rawBody: JSON.stringify({ ...event, webhookId: undefined }) })).toEqual([400]);
    const huge = JSON.stringify({ ...event, padding: "x".repeat(300_000) });
    expect(await ghl.sendWebhook(event, { rawBody: huge })).toEqual([413]);
    expect(await storedEvents()).toBe(0);
    expect(await prisma.contact.count()).toBe(0);
  });
});

/** The sandbox's signature of some bytes, read back from what it sends. */
async function signatureOf(raw: string): Promise<string> {
  let captured = "";
  const sink = await serveRoute(async (request) => {
    captured = request.headers.get("x-ghl-signature") ?? "";
    return new Response("ok");
  });
  await ghl.sendWebhook(JSON.parse(raw), { rawBody: raw, targetUrl: sink.url });
  await sink.close();
  return captured;
}

describe("GHL webhooks: duplicates and order", () => {
  it("keeps one row holding the newest state, whatever the delivery order", async () => {
    const id = clinic.seeded.contactIds[1]!;
    const events = [];
    for (const name of ["First", "Second", "Third"]) {
      ghl.store.updateContact(id, { firstName: name });
      events.push(ghl.events.contactUpdate(id));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const { statuses } = await deliverAll(events, { shuffle: true, duplicate: 2 });
    expect(statuses.flat().every((s) => s === 200)).toBe(true);
    const rows = await prisma.contact.findMany({ where: { ghlContactId: id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.firstName).toBe("Third");
    expect(await storedEvents()).toBe(3);
  });

  it("never lets an update older than a delete bring the contact back", async () => {
    const id = clinic.seeded.contactIds[2]!;
    ghl.store.updateContact(id, { firstName: "Before delete" });
    const update = ghl.events.contactUpdate(id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    ghl.store.deleteContact(id);
    const remove = ghl.events.contactDelete(id);
    await deliver(ghl.events.contactCreate(id));
    await deliverAll([remove, update]);
    expect((await contactRow(id))?.deletedAt).not.toBeNull();
  });

  it.each([
    ["update first", (created: object, confirmed: object) => [confirmed, created]],
    ["create first", (created: object, confirmed: object) => [created, confirmed]],
  ])("applies appointment create, update and delete in any order (%s)", async (_order, arrange) => {
    await connectAgency(ghl, clinic.location.organizationId);
    const contactId = clinic.seeded.contactIds[0]!;
    await deliver(ghl.events.contactCreate(contactId));
    const appointment = ghl.store.createAppointment({
      locationId: clinic.clinic.ghlLocationId,
      calendarId: clinic.seeded.calendarIds[0]!,
      contactId,
      startTime: Date.now() + 86_400_000,
      endTime: Date.now() + 86_400_000 + 3_600_000,
      title: "Hydration",
      appointmentStatus: "new",
    });
    const created = ghl.events.appointmentCreate(appointment.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    ghl.store.updateAppointment(appointment.id, { appointmentStatus: "confirmed" });
    const confirmed = ghl.events.appointmentUpdate(appointment.id);
    // Both carry the same whole-second dateUpdated: the tie is settled by reading GHL.
    await deliverAll(arrange(created, confirmed) as typeof created[], { duplicate: 1 });
    const row = await prisma.appointment.findFirstOrThrow({ where: { externalId: appointment.id } });
    expect(row.status).toBe("confirmed");
    expect(row.contactId).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));
    ghl.store.deleteAppointment(appointment.id);
    await deliver(ghl.events.appointmentDelete(appointment.id));
    expect((await prisma.appointment.findFirstOrThrow({ where: { externalId: appointment.id } })).deletedAt).not.toBeNull();
  });
});

describe("the webhook pipeline", () => {
  it("answers 429 and releases the claim when handling fails, so the retry runs cleanly", async () => {
    let attempts = 0;
    const flaky = webhookRoute({
      source: "ghl",
      verify: () => true,
      parse: (raw) => ({ ...JSON.parse(raw), deliveryId: "delivery-1" }),
      resolveTenant: async () => ({ organizationId: clinic.location.organizationId }),
      handle: async () => {
        if (++attempts === 1) throw new Error("database went away");
      },
    });
    const send = () => flaky(new Request("http://localhost/x", { method: "POST", body: JSON.stringify({ type: "ContactCreate" }) }));
    const claims = () => prisma.webhookEvent.count();
    expect((await send()).status).toBe(429);
    expect(await claims()).toBe(0);
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    expect(attempts).toBe(2);
    expect(await claims()).toBe(1);
  });
});
