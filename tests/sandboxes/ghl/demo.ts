import { DEMO_AGENCY, DEMO_CLINICS, DEMO_UNCONFIRMED_SOON, DEMO_USERS, demoAppointments, demoContacts } from "@/scripts/demo/data";
import { demoNoShowVisits } from "@/scripts/demo/noshow";
import { DEMO_APPOINTMENTS_PER_CLINIC, DEMO_CONTACTS_PER_CLINIC } from "@/scripts/demo/seed";
import { startGhlSandbox, type GhlSandbox, type GhlSandboxOptions } from "./index";

/** GHL's id for the demo agency; Sidecar's database has no column for it. */
export const DEMO_GHL_COMPANY_ID = "demo-ghl-company-digital-desk";
export const DEMO_SANDBOX_PORT = 4010;

/**
 * Sub-accounts of the demo agency that are not clinics: one where the app was just installed
 * (offered in the clinic picker, marked "just installed"), one without the app (not offered).
 */
export const DEMO_NEW_SUBACCOUNT = { id: "demo-ghl-loc-tampa", name: "Glow IV Lounge – Tampa", timezone: "America/New_York" } as const;
export const DEMO_UNINSTALLED_SUBACCOUNT = { id: "demo-ghl-loc-training", name: "Digital Desk Training Account", timezone: "America/Chicago" } as const;

/** The calendar id scripts/demo/seed.ts writes on every demo appointment. */
export function demoCalendarId(clinicId: string): string {
  return `demo-calendar-${clinicId.slice(4)}`;
}

function splitAddress(address: string): { address1?: string; city?: string; state?: string; postalCode?: string } {
  const [address1, city, stateAndZip] = address.split(", ");
  const [state, postalCode] = (stateAndZip ?? "").split(" ");
  return { address1, city, state, postalCode };
}

/**
 * The demo agency as GHL would hold it, generated from the same functions as the database's
 * demo seed (scripts/demo/seed.ts): same location ids, contact ids = ghlContactId, appointment ids =
 * externalId, and dateUpdated = the seed's ghlUpdatedAt / externalUpdatedAt. A sync against
 * this sandbox therefore finds nothing to change. Pass the `now` the database was seeded with
 * to make the dates match too; ids match whatever `now` is.
 */
export function seedDemoAgency(sandbox: GhlSandbox, options: { now?: Date } = {}): void {
  const now = options.now ?? new Date();
  sandbox.seedCompany({ id: DEMO_GHL_COMPANY_ID, name: DEMO_AGENCY.name, email: `hello@${new URL(DEMO_AGENCY.website).hostname}` });

  DEMO_CLINICS.forEach((clinic, index) => {
    const contacts = demoContacts(index, DEMO_CONTACTS_PER_CLINIC, now);
    const everyday = demoAppointments(index, contacts, DEMO_APPOINTMENTS_PER_CLINIC, now);
    const appointments = [...everyday, ...demoNoShowVisits(index, contacts, everyday.slice(0, DEMO_UNCONFIRMED_SOON), now)];
    const ghlContactIdOf = new Map(contacts.map((contact) => [contact.id, contact.ghlContactId]));
    const { address1, city, state, postalCode } = splitAddress(clinic.address);
    sandbox.seedLocation({
      id: clinic.ghlLocationId,
      companyId: DEMO_GHL_COMPANY_ID,
      name: clinic.name,
      timezone: clinic.timezone,
      phone: clinic.phone,
      address: address1,
      city,
      state,
      postalCode,
      country: "US",
      contacts: contacts.map((contact) => ({
        id: contact.ghlContactId,
        firstName: contact.firstName,
        lastName: contact.lastName,
        email: contact.email,
        phone: contact.phone,
        tags: contact.tags,
        source: contact.source,
        dateAdded: contact.dateAdded,
        dateUpdated: contact.dateAdded,
      })),
      calendars: [
        {
          id: demoCalendarId(clinic.id),
          name: `${clinic.name} treatments`,
          slotDuration: 60,
          slotInterval: 30,
          openHours: [{ daysOfTheWeek: [1, 2, 3, 4, 5, 6], hours: [{ openHour: 9, openMinute: 0, closeHour: 18, closeMinute: 0 }] }],
        },
      ],
      appointments: appointments.map((appointment) => {
        const updatedAt = appointment.startTime < now ? appointment.startTime : now;
        return {
          id: appointment.externalId,
          calendarId: demoCalendarId(clinic.id),
          contactId: ghlContactIdOf.get(appointment.contactId) ?? "",
          title: appointment.title,
          appointmentStatus: appointment.status,
          startTime: appointment.startTime,
          endTime: appointment.endTime,
          dateAdded: appointment.bookedAt,
          dateUpdated: updatedAt,
        };
      }),
    });
  });

  sandbox.seedLocation({ ...DEMO_NEW_SUBACCOUNT, companyId: DEMO_GHL_COMPANY_ID, city: "Tampa", state: "FL", country: "US", contacts: 12 });
  sandbox.seedLocation({ ...DEMO_UNINSTALLED_SUBACCOUNT, companyId: DEMO_GHL_COMPANY_ID, installed: false, contacts: 3 });

  // GHL staff for the clinic staff of the demo, so users/search has someone to return.
  for (const user of DEMO_USERS) {
    if (user.organizationId !== DEMO_AGENCY.id) continue;
    const [firstName = user.name, lastName = ""] = user.name.split(" ");
    const clinicLocations = (user.clinicIds ?? []).map((clinicId) => DEMO_CLINICS.find((clinic) => clinic.id === clinicId)?.ghlLocationId ?? clinicId);
    sandbox.store.addUser({
      id: `demo-ghl-${user.id}`,
      companyId: DEMO_GHL_COMPANY_ID,
      firstName,
      lastName,
      email: user.email,
      type: user.role === "clinic_staff" ? "account" : "agency",
      role: user.role === "clinic_staff" ? "user" : "admin",
      locationIds: clinicLocations,
    });
  }
}

/** For local development: `await startDemoGhlSandbox()` serves the demo agency on port 4010. */
export function startDemoGhlSandbox(options: GhlSandboxOptions<GhlSandbox> = {}): Promise<GhlSandbox> {
  return startGhlSandbox({
    port: DEMO_SANDBOX_PORT,
    companyId: DEMO_GHL_COMPANY_ID,
    companyName: DEMO_AGENCY.name,
    ...options,
    seed: async (sandbox) => {
      seedDemoAgency(sandbox);
      await options.seed?.(sandbox);
    },
  });
}

/** The demo clinic whose GHL calendar is down in local runs, so the queue shows a failing sync. */
export const DEMO_FAILING_CLINIC_ID = "loc_denver";

/**
 * From now on GHL answers 503 to every read of the failing demo clinic's appointments
 * (`GET /calendars/events?locationId=…`, the way GHL answers when its calendar service is down):
 * its syncs fail on every tick and "Retry sync now" fails again, while its contacts, bookings
 * and webhooks keep working. Other clinics are untouched. `sandbox.faults.clear()` ends it.
 */
export function failDemoClinicSync(sandbox: GhlSandbox): void {
  const clinic = DEMO_CLINICS.find((c) => c.id === DEMO_FAILING_CLINIC_ID)!;
  sandbox.faults.setErrorRate(1, { statuses: [503], match: { method: "GET", path: "/calendars/events", query: { locationId: clinic.ghlLocationId } } });
}
