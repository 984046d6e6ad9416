import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GhlSandbox } from "../sandboxes/ghl";
import { prisma, resetDatabase } from "../support/db";
import { seedOrg } from "../support/factories";
import { connectAgency, resetGhlTransport, seedClinic, startSuiteSandbox } from "../support/ghl";
import { locationApi, type LocationApi } from "@/lib/ghl/api";
import { syncLocation } from "@/lib/ghl/sync/sync-location";
import { agencyTokens, refreshAgencyToken } from "@/lib/ghl/tokens";

let ghl: GhlSandbox;
let org: { id: string };

beforeAll(async () => {
  ghl = await startSuiteSandbox();
});
afterAll(() => ghl.stop());

beforeEach(async () => {
  await resetDatabase();
  resetGhlTransport();
  ghl.faults.clear();
  ghl.requests.clear();
  org = await seedOrg();
  await connectAgency(ghl, org.id);
});

const BUDGET = { budgetMs: 60_000 };

async function storedContacts(locationId: string) {
  return prisma.contact.findMany({ where: { locationId, deletedAt: null }, select: { ghlContactId: true, firstName: true, ghlUpdatedAt: true } });
}

/** The real client for a clinic, with a hook that runs after each search page. */
function apiWithHook(clinic: { organizationId: string; locationId: string; ghlLocationId: string }, afterPage: (page: number) => void): LocationApi {
  const api = locationApi(clinic.organizationId, { id: clinic.locationId, ghlLocationId: clinic.ghlLocationId });
  let pages = 0;
  return {
    ...api,
    async searchContacts(body) {
      const result = await api.searchContacts(body);
      afterPage(++pages);
      return result;
    },
  };
}

describe("GHL sync", () => {
  it("copies every contact and the appointments from a day back to 30 days ahead", async () => {
    const { seeded, clinic } = await seedClinic(ghl, org.id, { contacts: 1_234, appointments: 80 });
    const outcome = await syncLocation(clinic, BUDGET);
    expect(outcome).toMatchObject({ status: "completed", contactsUpserted: 1_234 });
    const contacts = await storedContacts(clinic.locationId);
    expect(new Set(contacts.map((c) => c.ghlContactId))).toEqual(new Set(seeded.contactIds));

    const now = Date.now();
    const inWindow = seeded.appointmentIds
      .map((id) => ghl.store.getAppointment(id)!)
      .filter((a) => a.endTime > now - 86_400_000 && a.startTime < now + 30 * 86_400_000);
    const appointments = await prisma.appointment.findMany({ where: { locationId: clinic.locationId, deletedAt: null } });
    expect(appointments.map((a) => a.externalId).sort()).toEqual(inWindow.map((a) => a.id).sort());
    expect(appointments.filter((a) => a.contactId !== null)).toHaveLength(appointments.length);

    const run = await prisma.syncRun.findUniqueOrThrow({ where: { id: outcome.runId } });
    expect(run).toMatchObject({ status: "completed", contactsUpserted: 1_234, requests: outcome.requests });
    const tokenRequests = ghl.requests.count("POST /oauth/token") + ghl.requests.count("POST /oauth/locationToken");
    expect(run.requests).toBe(ghl.requests.count() - tokenRequests);
    const sync = await prisma.locationSync.findUniqueOrThrow({ where: { locationId: clinic.locationId } });
    expect(sync).toMatchObject({ health: "healthy", leaseOwner: null, consecutiveFailures: 0 });
    expect(sync.rateLimitRemaining).not.toBeNull();
  });

  it("then fetches only what changed, newest state winning", async () => {
    const { seeded, clinic } = await seedClinic(ghl, org.id, { contacts: 700 });
    await syncLocation(clinic, BUDGET);
    ghl.requests.clear();
    const changed = seeded.contactIds.slice(0, 3);
    for (const id of changed) ghl.store.updateContact(id, { firstName: "Updated" });
    const added = ghl.store.createContact(clinic.ghlLocationId, { firstName: "Brand", lastName: "New" });

    const outcome = await syncLocation(clinic, BUDGET);
    expect(outcome.status).toBe("completed");
    expect(ghl.requests.count("POST /contacts/search")).toBe(1);
    expect(outcome.contactsUpserted).toBe(4);
    const contacts = await storedContacts(clinic.locationId);
    expect(contacts).toHaveLength(701);
    expect(contacts.filter((c) => c.firstName === "Updated").map((c) => c.ghlContactId).sort()).toEqual([...changed].sort());
    expect(contacts.some((c) => c.ghlContactId === added.id)).toBe(true);
  });

  it("resumes a run killed half-way with nothing lost or duplicated", async () => {
    const { seeded, clinic } = await seedClinic(ghl, org.id, { contacts: 2_100 });
    const crashing = apiWithHook(clinic, (page) => {
      if (page === 2) throw new Error("process killed");
    });
    const first = await syncLocation(clinic, { ...BUDGET, api: crashing });
    expect(first.status).toBe("failed");
    expect(await prisma.contact.count({ where: { locationId: clinic.locationId } })).toBe(500);
    const sync = await prisma.locationSync.findUniqueOrThrow({ where: { locationId: clinic.locationId } });
    expect(sync.scanState).not.toBeNull();
    expect(sync.leaseOwner).toBeNull();
    // People see a sentence with a reference, never the raw error.
    expect(sync.lastError).toMatch(/unexpected error \(reference [0-9a-f]{8}\)/);
    expect(sync.lastError).not.toContain("process killed");

    ghl.requests.clear();
    const second = await syncLocation(clinic, BUDGET);
    expect(second.status).toBe("completed");
    // It picked up at page 2 instead of starting over: 4 more pages (500, 500, 500, 100).
    expect(ghl.requests.count("POST /contacts/search")).toBe(4);
    const stored = await storedContacts(clinic.locationId);
    expect(stored).toHaveLength(2_100);
    expect(new Set(stored.map((c) => c.ghlContactId))).toEqual(new Set(seeded.contactIds));
  });

  it("stops at its time budget, saves its place, and finishes on the next tick", async () => {
    const { clinic } = await seedClinic(ghl, org.id, { contacts: 1_600 });
    let clock = Date.now();
    const ticking = () => (clock += 1_000);
    const partial = await syncLocation(clinic, { budgetMs: 2_500, now: ticking });
    expect(partial.status).toBe("partial");
    expect(partial.contactsUpserted).toBeGreaterThan(0);
    expect(partial.contactsUpserted).toBeLessThan(1_600);
    const rest = await syncLocation(clinic, BUDGET);
    expect(rest.status).toBe("completed");
    expect(await prisma.contact.count({ where: { locationId: clinic.locationId } })).toBe(1_600);
  });

  it("lets only one of two concurrent runs do the work", async () => {
    const { clinic } = await seedClinic(ghl, org.id, { contacts: 900 });
    const outcomes = await Promise.all([syncLocation(clinic, BUDGET), syncLocation(clinic, BUDGET)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["completed", "skipped"]);
    expect(await prisma.contact.count({ where: { locationId: clinic.locationId } })).toBe(900);
    expect(await prisma.syncRun.count({ where: { locationId: clinic.locationId } })).toBe(1);
  });

  it("completes through 429 storms and 5xx bursts without losing a page", async () => {
    const { seeded, clinic } = await seedClinic(ghl, org.id, { contacts: 1_800, appointments: 30 });
    ghl.faults.rateLimitStorm(4, { method: "POST", path: "/contacts/search" });
    ghl.faults.failNext(3, { status: 503, match: { method: "POST", path: "/contacts/search" } });
    ghl.faults.failNext(2, { status: 502, match: { method: "GET", path: "/calendars/events" } });
    const outcome = await syncLocation(clinic, BUDGET);
    expect(outcome.status).toBe("completed");
    expect(ghl.requests.countByStatus("POST /contacts/search")).toMatchObject({ 429: 4, 503: 3 });
    const stored = await storedContacts(clinic.locationId);
    expect(new Set(stored.map((c) => c.ghlContactId))).toEqual(new Set(seeded.contactIds));
  });

  it("refreshes a token that expires mid-sync and goes on", async () => {
    const { seeded, clinic } = await seedClinic(ghl, org.id, { contacts: 1_300 });
    const expiring = apiWithHook(clinic, (page) => {
      if (page === 1) ghl.expireAllAccessTokens();
    });
    const outcome = await syncLocation(clinic, { ...BUDGET, api: expiring });
    expect(outcome.status).toBe("completed");
    // One agency refresh; location tokens: the first, one refused (the agency token had expired
    // too), and the one minted after the agency refresh.
    expect(ghl.requests.count("POST /oauth/token")).toBe(1);
    expect(ghl.requests.countByStatus("POST /oauth/locationToken")).toEqual({ 201: 2, 401: 1 });
    expect(await prisma.contact.count({ where: { locationId: clinic.locationId } })).toBe(seeded.contactIds.length);
  });
});

describe("GHL token refresh", () => {
  it("keeps the rotated refresh token when two refreshes race", async () => {
    const stale = await agencyTokens(org.id).token();
    ghl.expireAllAccessTokens();
    const [a, b] = await Promise.all([refreshAgencyToken(org.id, stale), refreshAgencyToken(org.id, stale)]);
    expect(a).toBe(b);
    expect(a).not.toBe(stale);
    expect(ghl.requests.count("POST /oauth/token")).toBe(1);
    // The stored refresh token is the rotated one: a later refresh still works.
    ghl.expireAllAccessTokens();
    const third = await refreshAgencyToken(org.id, a);
    expect(third).not.toBe(a);
    expect(ghl.requests.countByStatus("POST /oauth/token")).toEqual({ 200: 2 });
  });
});
