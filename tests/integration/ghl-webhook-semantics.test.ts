import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GhlSandbox, GhlWebhookEvent } from "../sandboxes/ghl";
import { prisma, resetDatabase } from "../support/db";
import { seedOrg } from "../support/factories";
import { connectAgency, resetGhlTransport, seedClinic, startSuiteSandbox } from "../support/ghl";
import { serveRoute } from "../support/serve-route";
import { POST } from "@/app/api/webhooks/ghl/route";
import { forOrg } from "@/lib/db";
import { listGhlLocations, addClinics } from "@/lib/ghl/connect";
import { UNINSTALLED_CLINIC_MESSAGE } from "@/lib/ghl/lifecycle";
import { getIntegrationStatus } from "@/lib/ghl/status";
import { unsafeListLocationsDueForSync } from "@/lib/ghl/sync/run-due";
import { syncClinicNow } from "@/lib/ghl/sync/sync-now";
import { syncLocation } from "@/lib/ghl/sync/sync-location";
import { findConnection } from "@/lib/ghl/tokens";
import { drainGhlInbox } from "@/lib/ghl/webhook-drain";
import { forgetGhlTenants } from "@/lib/ghl/webhooks";

/**
 * What GHL's webhooks mean, as real GHL sends them: redeliveries of any non-2xx for hours,
 * contact payloads without dateUpdated, and the app's own INSTALL/UNINSTALL events.
 */

let ghl: GhlSandbox;
let endpoint: Awaited<ReturnType<typeof serveRoute>>;
let org: { id: string };
let clinic: Awaited<ReturnType<typeof seedClinic>>;

beforeAll(async () => {
  endpoint = await serveRoute(POST);
  ghl = await startSuiteSandbox({ webhookTargetUrl: `${endpoint.url}/api/webhooks/ghl` });
});
afterAll(async () => {
  await ghl.stop();
  await endpoint.close();
});

beforeEach(async () => {
  await resetDatabase();
  resetGhlTransport();
  forgetGhlTenants();
  ghl.requests.clear();
  org = await seedOrg();
  await connectAgency(ghl, org.id);
  clinic = await seedClinic(ghl, org.id, { contacts: 3, calendars: 1 });
  await prisma.locationSync.create({ data: { locationId: clinic.location.id, organizationId: org.id } });
  expect(await syncLocation(clinic.clinic, { budgetMs: 10_000 })).toMatchObject({ status: "completed", contactsUpserted: 3 });
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const contact = (ghlContactId: string) => prisma.contact.findFirstOrThrow({ where: { ghlContactId } });
async function deliver(event: GhlWebhookEvent, options: Parameters<GhlSandbox["sendWebhook"]>[1] = {}) {
  const statuses = await ghl.sendWebhook(event, options);
  await drainGhlInbox();
  return statuses;
}

describe("redeliveries", () => {
  it("processes a correctly signed redelivery 20 minutes after the first attempt, once", async () => {
    const id = clinic.seeded.contactIds[0]!;
    ghl.store.updateContact(id, { firstName: "Redelivered" });
    // GHL's retry carries the original bytes: the timestamp is from the first attempt.
    const event = ghl.events.contactUpdate(id, { timestamp: minutesAgo(20) });
    expect(await deliver(event, { duplicate: 1 })).toEqual([200, 200]);
    expect(await prisma.webhookInbox.count()).toBe(1);
    expect(await prisma.webhookInbox.findFirstOrThrow()).toMatchObject({ deliveryId: event.webhookId, status: "done" });
    expect(await contact(id)).toMatchObject({ firstName: "Redelivered", lastEventAt: new Date(event.timestamp) });
  });

  it("never lets a late redelivery overwrite newer data", async () => {
    const id = clinic.seeded.contactIds[1]!;
    ghl.store.updateContact(id, { firstName: "Old" });
    const stale = ghl.events.contactUpdate(id, { timestamp: new Date().toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 5));
    ghl.store.updateContact(id, { firstName: "New" });
    expect(await syncLocation(clinic.clinic, { budgetMs: 10_000 })).toMatchObject({ status: "completed" });
    expect((await contact(id)).firstName).toBe("New");
    expect(await deliver(stale)).toEqual([200]);
    expect(await contact(id)).toMatchObject({ firstName: "New", pendingSince: null });
  });

  it("answers 2xx and stores nothing for an ignored type, an unknown location, a company-level event and another app's lifecycle", async () => {
    const before = await prisma.contact.findMany({ orderBy: { id: "asc" } });
    const stranger = ghl.seedLocation({ id: "not-a-clinic", contacts: 1 });
    const events: GhlWebhookEvent[] = [
      { type: "OpportunityCreate", locationId: clinic.clinic.ghlLocationId, id: "opp-1", webhookId: "w-opp", timestamp: minutesAgo(0) },
      ghl.events.contactCreate(stranger.contactIds[0]!),
      { type: "LocationCreate", companyId: ghl.companyId, id: "new-loc", webhookId: "w-loc", timestamp: minutesAgo(0) },
      ghl.events.uninstall({ locationId: clinic.clinic.ghlLocationId }, { appId: "someone-elses-app" }),
    ];
    for (const event of events) expect(await deliver(event)).toEqual([200]);
    expect(await prisma.webhookInbox.count()).toBe(0);
    expect(await prisma.webhookEvent.count()).toBe(0);
    expect(await prisma.contact.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect((await prisma.location.findUniqueOrThrow({ where: { id: clinic.location.id } })).ghlUninstalledAt).toBeNull();
  });
});

describe("contact webhooks carry no dateUpdated", () => {
  it("repairs, on the next sync, a change whose webhook was lost after a later-stamped one arrived", async () => {
    const id = clinic.seeded.contactIds[2]!;
    const synced = await contact(id);
    // Change 2: its webhook is lost.
    ghl.store.updateContact(id, { lastName: "Two" });
    // Change 3: its webhook arrives, stamped when GHL's queue sent it (a while after the change).
    const three = ghl.store.updateContact(id, { firstName: "Three" });
    const event = ghl.events.contactUpdate(id, { timestamp: new Date(three.dateUpdated + 120_000).toISOString() });
    expect(event).not.toHaveProperty("dateUpdated");
    expect(await deliver(event)).toEqual([200]);
    const afterWebhook = await contact(id);
    expect(afterWebhook).toMatchObject({ firstName: "Three", lastName: "Two", pendingSince: new Date(event.timestamp) });
    // The webhook's timestamp never poses as GHL's dateUpdated.
    expect(afterWebhook.ghlUpdatedAt).toEqual(synced.ghlUpdatedAt);
    // Change 4, inside that lag: its webhook is lost too. Stored as GHL's time, the webhook's
    // timestamp would be later than this change, and the sync would never write it.
    const four = ghl.store.updateContact(id, { firstName: "Four" });
    expect(four.dateUpdated).toBeLessThan(Date.parse(event.timestamp));

    expect(await syncLocation(clinic.clinic, { budgetMs: 10_000 })).toMatchObject({ status: "completed" });
    expect(await contact(id)).toMatchObject({ firstName: "Four", lastName: "Two", pendingSince: null, ghlUpdatedAt: new Date(four.dateUpdated) });
  });

  it("settles a pending contact the sync's window does not cover by reading it from GHL", async () => {
    // The contact GHL changed longest ago: outside the scan's window (the newest change minus five minutes).
    const truth = await prisma.contact.findFirstOrThrow({ where: { locationId: clinic.location.id }, orderBy: { ghlUpdatedAt: "asc" } });
    const newest = await prisma.contact.findFirstOrThrow({ where: { locationId: clinic.location.id }, orderBy: { ghlUpdatedAt: "desc" } });
    expect(newest.ghlUpdatedAt.getTime() - truth.ghlUpdatedAt.getTime()).toBeGreaterThan(5 * 60_000);
    const id = truth.ghlContactId;
    // A payload GHL no longer holds (e.g. a late redelivery), newer than what is stored.
    const event = ghl.events.contactUpdate(id, { firstName: "Stale payload", timestamp: minutesAgo(1) });
    expect(await deliver(event)).toEqual([200]);
    expect(await contact(id)).toMatchObject({ firstName: "Stale payload", pendingSince: expect.any(Date) });
    ghl.requests.clear();
    expect(await syncLocation(clinic.clinic, { budgetMs: 10_000 })).toMatchObject({ status: "completed" });
    expect(ghl.requests.count("GET /contacts/:contactId")).toBe(1);
    expect(await contact(id)).toMatchObject({ firstName: truth.firstName, pendingSince: null });
  });
});

describe("the app's lifecycle", () => {
  it("UNINSTALL of a sub-account disconnects the clinic, stops its sync, shows it, keeps its data; INSTALL brings it back", async () => {
    const before = await prisma.contact.count({ where: { locationId: clinic.location.id } });
    const uninstall = ghl.uninstall({ locationId: clinic.clinic.ghlLocationId });
    expect(await deliver(uninstall)).toEqual([200]);
    const location = await prisma.location.findUniqueOrThrow({ where: { id: clinic.location.id }, include: { sync: true } });
    expect(location.ghlUninstalledAt).toEqual(new Date(uninstall.timestamp));
    expect(location.sync).toMatchObject({ health: "disconnected", lastError: UNINSTALLED_CLINIC_MESSAGE, accessTokenSealed: null });
    expect(await prisma.contact.count({ where: { locationId: clinic.location.id } })).toBe(before);
    expect(await prisma.auditLog.count({ where: { organizationId: org.id, action: "ghl.clinic-uninstalled" } })).toBe(1);

    // Not due any more, even long after its last sync; a manual sync says why.
    await prisma.locationSync.update({ where: { locationId: clinic.location.id }, data: { lastSyncedAt: new Date(0) } });
    expect((await unsafeListLocationsDueForSync(new Date())).map((l) => l.id)).not.toContain(clinic.location.id);
    const ctx = { db: forOrg(org.id), organization: { id: org.id } };
    await expect(syncClinicNow(ctx as Parameters<typeof syncClinicNow>[0], clinic.location.id)).rejects.toMatchObject({ code: "ghl_uninstalled" });
    const status = await getIntegrationStatus(forOrg(org.id));
    expect(status.clinics.find((c) => c.id === clinic.location.id)).toMatchObject({ ghlUninstalledAt: expect.any(Date), sync: { health: "disconnected" } });

    // An INSTALL older than the UNINSTALL (a late redelivery) changes nothing; a newer one reconnects.
    const old = ghl.events.install({ locationId: clinic.clinic.ghlLocationId }, { timestamp: minutesAgo(30) });
    expect(await deliver(old)).toEqual([200]);
    expect((await prisma.location.findUniqueOrThrow({ where: { id: clinic.location.id } })).ghlUninstalledAt).not.toBeNull();
    ghl.store.markInstalled(clinic.clinic.ghlLocationId);
    expect(await deliver(ghl.events.install({ locationId: clinic.clinic.ghlLocationId }))).toEqual([200]);
    const back = await prisma.location.findUniqueOrThrow({ where: { id: clinic.location.id }, include: { sync: true } });
    expect(back.ghlUninstalledAt).toBeNull();
    expect(back.sync).toMatchObject({ health: "pending", lastError: null });
    expect(await syncLocation(clinic.clinic, { budgetMs: 10_000 })).toMatchObject({ status: "completed" });
  });

  it("UNINSTALL of the whole company disconnects the agency and keeps everything", async () => {
    const before = await prisma.contact.count({ where: { organizationId: org.id } });
    const uninstall = ghl.uninstall({ companyId: ghl.companyId });
    expect(uninstall).not.toHaveProperty("locationId");
    expect(await deliver(uninstall)).toEqual([200]);
    expect((await prisma.ghlConnection.findUniqueOrThrow({ where: { organizationId: org.id } })).uninstalledAt).toEqual(new Date(uninstall.timestamp));
    await expect(findConnection(org.id)).rejects.toMatchObject({ code: "ghl_uninstalled" });
    await prisma.locationSync.update({ where: { locationId: clinic.location.id }, data: { lastSyncedAt: new Date(0) } });
    expect(await unsafeListLocationsDueForSync(new Date())).toEqual([]);
    expect(await prisma.contact.count({ where: { organizationId: org.id } })).toBe(before);
    expect((await getIntegrationStatus(forOrg(org.id))).connection).toMatchObject({ uninstalledAt: expect.any(Date) });
    // Redelivered: nothing more happens.
    expect(await deliver(uninstall)).toEqual([200]);
    expect(await prisma.auditLog.count({ where: { organizationId: org.id, action: "ghl.uninstalled" } })).toBe(1);
  });

  it("INSTALL on a sub-account of the connected agency makes it available to add", async () => {
    ghl.seedLocation({ id: "fresh-sub", name: "Fresh Sub", installed: false });
    const ctx = { db: forOrg(org.id), organization: { id: org.id } } as Parameters<typeof listGhlLocations>[0];
    expect((await listGhlLocations(ctx)).map((l) => l.id)).not.toContain("fresh-sub");
    ghl.store.markInstalled("fresh-sub");
    expect(await deliver(ghl.events.install({ locationId: "fresh-sub" }))).toEqual([200]);
    expect((await prisma.ghlConnection.findUniqueOrThrow({ where: { organizationId: org.id } })).newlyInstalledLocationIds).toEqual(["fresh-sub"]);
    expect((await listGhlLocations(ctx)).find((l) => l.id === "fresh-sub")).toMatchObject({ isClinic: false, newlyInstalled: true });
    await addClinics(ctx, ["fresh-sub"]);
    expect((await prisma.ghlConnection.findUniqueOrThrow({ where: { organizationId: org.id } })).newlyInstalledLocationIds).toEqual([]);
  });
});
