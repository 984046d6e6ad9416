import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CLINICS, DEMO_UNCONFIRMED_SOON, demoAppointments, demoContacts } from "@/scripts/demo/data";
import { demoNoShowVisits } from "@/scripts/demo/noshow";
import { DEMO_APPOINTMENTS_PER_CLINIC, DEMO_CONTACTS_PER_CLINIC } from "@/scripts/demo/seed";
import type { GhlSandbox } from "@/tests/sandboxes/ghl";
import { DEMO_GHL_COMPANY_ID, DEMO_NEW_SUBACCOUNT, DEMO_UNINSTALLED_SUBACCOUNT, demoCalendarId, seedDemoAgency } from "@/tests/sandboxes/ghl/demo";
import { startGhlSandbox } from "@/tests/sandboxes/ghl";
import { call, type EventJson, type SearchContactJson } from "@/tests/sandboxes/ghl/test-client";

describe("GHL sandbox: demo agency", () => {
  const now = new Date("2026-04-15T12:00:00Z");
  let sandbox: GhlSandbox;

  beforeAll(async () => {
    sandbox = await startGhlSandbox({ companyId: DEMO_GHL_COMPANY_ID, clock: () => now.getTime(), seed: (started) => seedDemoAgency(started, { now }) });
  });
  afterAll(() => sandbox.stop());

  it("serves the three demo clinics under the demo company, beside a just-installed and an uninstalled sub-account", async () => {
    const agency = sandbox.issueTokens({ userType: "Company" });
    const listed = await call<{ locations: Array<{ id: string; name: string; timezone: string }> }>(sandbox.url, "/locations/search", {
      token: agency.access_token,
      query: { companyId: DEMO_GHL_COMPANY_ID },
    });
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(listed.body.locations.map(({ id, name, timezone }) => ({ id, name, timezone })).sort(byId)).toEqual(
      [...DEMO_CLINICS.map((clinic) => ({ id: clinic.ghlLocationId, name: clinic.name, timezone: clinic.timezone })), { ...DEMO_NEW_SUBACCOUNT }, { ...DEMO_UNINSTALLED_SUBACCOUNT }].sort(byId),
    );
    const installed = await call<{ locations: Array<{ _id: string }> }>(sandbox.url, "/oauth/installedLocations", {
      token: agency.access_token,
      query: { companyId: DEMO_GHL_COMPANY_ID, appId: sandbox.appId, isInstalled: "true" },
    });
    expect(installed.body.locations.map((l) => l._id).sort()).toEqual([...DEMO_CLINICS.map((clinic) => clinic.ghlLocationId), DEMO_NEW_SUBACCOUNT.id].sort());
  });

  it.each(DEMO_CLINICS.map((clinic, index) => [clinic.ghlLocationId, index] as const))("%s has the database seed's contact and appointment ids", async (locationId, index) => {
    const clinic = DEMO_CLINICS[index];
    if (!clinic) throw new Error("no clinic");
    const contacts = demoContacts(index, DEMO_CONTACTS_PER_CLINIC, now);
    const everyday = demoAppointments(index, contacts, DEMO_APPOINTMENTS_PER_CLINIC, now);
    // The no-show model's visits too: its history ends before this window, its visit later today is inside.
    const appointments = [...everyday, ...demoNoShowVisits(index, contacts, everyday.slice(0, DEMO_UNCONFIRMED_SOON), now)].filter(
      (a) => Math.abs(a.startTime.getTime() - now.getTime()) < 40 * 86_400_000,
    );
    const { access_token: token } = sandbox.issueTokens({ locationId });

    const searched = await call<{ contacts: SearchContactJson[]; total: number }>(sandbox.url, "/contacts/search", { token, json: { locationId, pageLimit: 500 } });
    expect(searched.body.total).toBe(DEMO_CONTACTS_PER_CLINIC);
    expect(searched.body.contacts.map((contact) => contact.id).sort()).toEqual(contacts.map((contact) => contact.ghlContactId).sort());
    const first = contacts[0];
    expect(searched.body.contacts.find((contact) => contact.id === first?.ghlContactId)).toMatchObject({
      email: first?.email,
      phone: first?.phone,
      dateUpdated: first?.dateAdded.toISOString(),
    });

    const events = await call<{ events: EventJson[] }>(sandbox.url, "/calendars/events", {
      token,
      query: { locationId, calendarId: demoCalendarId(clinic.id), startTime: now.getTime() - 40 * 86_400_000, endTime: now.getTime() + 40 * 86_400_000 },
    });
    expect(events.body.events.map((event) => event.id).sort()).toEqual(appointments.map((appointment) => appointment.externalId).sort());
    const ghlContactIdOf = new Map(contacts.map((contact) => [contact.id, contact.ghlContactId]));
    const sample = appointments[0];
    expect(events.body.events.find((event) => event.id === sample?.externalId)).toMatchObject({
      contactId: ghlContactIdOf.get(sample?.contactId ?? ""),
      appointmentStatus: sample?.status,
      title: sample?.title,
    });
  });
});
