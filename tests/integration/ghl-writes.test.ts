import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GhlSandbox } from "../sandboxes/ghl";
import { prisma, resetDatabase } from "../support/db";
import { seedOrg } from "../support/factories";
import { connectAgency, resetGhlTransport, seedClinic, startSuiteSandbox } from "../support/ghl";
import { forMember, forOrg, type OrgDb } from "@/lib/db";
import { syncLocation } from "@/lib/ghl/sync/sync-location";
import { bookAppointmentForMember, bookSlotInGhl, rescheduleAppointmentForMember } from "@/lib/calendar/appointments";
import { deleteContact, updateContact } from "@/lib/contacts/manage";
import { zonedDateKey, zonedTimeKey } from "@/lib/time/zoned";
import {
  GHL_APPOINTMENT_REF,
  GHL_CLINIC_REF,
  GHL_CONTACT_REF,
  OUTSIDE_FREE_SLOTS,
  bookGhlAppointment,
  createGhlContact,
  deleteGhlAppointment,
  deleteGhlContact,
  findGhlFreeSlots,
  updateGhlAppointment,
  updateGhlContact,
  type GhlBooking,
} from "@/lib/ghl/writes";

let ghl: GhlSandbox;
let db: OrgDb;
let clinic: Awaited<ReturnType<typeof seedClinic>>;

beforeAll(async () => {
  ghl = await startSuiteSandbox();
});
afterAll(() => ghl.stop());

beforeEach(async () => {
  await resetDatabase();
  resetGhlTransport();
  const org = await seedOrg();
  await connectAgency(ghl, org.id);
  clinic = await seedClinic(ghl, org.id, { contacts: 2, calendars: 1, allowDuplicateContact: false });
  await syncLocation(clinic.clinic, { budgetMs: 30_000 });
  db = forOrg(org.id);
});

/** The references the gateway takes, read as its callers (lib/contacts, lib/calendar) read them. */
const clinicRef = () => prisma.location.findUniqueOrThrow({ where: { id: clinic.location.id }, select: { ...GHL_CLINIC_REF, timezone: true } });
const contactRef = (id: string) => prisma.contact.findUniqueOrThrow({ where: { id }, select: GHL_CONTACT_REF });
const appointmentRef = (id: string) => prisma.appointment.findUniqueOrThrow({ where: { id }, select: GHL_APPOINTMENT_REF });
const freeSlots = async (ghlCalendarId: string) => findGhlFreeSlots(db, await clinicRef(), ghlCalendarId, new Date(Date.now() + 86_400_000), new Date(Date.now() + 8 * 86_400_000));
async function booking(contact: { ghlContactId: string }, calendar: { ghlCalendarId: string }, startTime: Date, extra: Partial<GhlBooking> = {}): Promise<GhlBooking> {
  return { clinic: await clinicRef(), ghlCalendarId: calendar.ghlCalendarId, ghlContactId: contact.ghlContactId, startTime, endTime: new Date(startTime.getTime() + 3_600_000), ...extra };
}

describe("the gateway writes to GHL first, then to the local copy", () => {
  it("creates, updates and deletes a contact in both places", async () => {
    const created = await createGhlContact(db, await clinicRef(), { firstName: "Nia", lastName: "Okafor", email: "Nia@Example.com", phone: "+15125550199" });
    expect(created).toMatchObject({ firstName: "Nia", email: "nia@example.com", phone: "+15125550199" });
    expect(ghl.store.getContact(created.ghlContactId)).toMatchObject({ firstName: "Nia" });

    await updateGhlContact(db, await contactRef(created.id), { lastName: "Okafor-Reed", tags: ["vip"] });
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ lastName: "Okafor-Reed", tags: ["vip"] });
    expect(ghl.store.getContact(created.ghlContactId)?.lastName).toBe("Okafor-Reed");

    await deleteGhlContact(db, await contactRef(created.id));
    expect(ghl.store.getContact(created.ghlContactId)).toBeUndefined();
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: created.id } })).deletedAt).not.toBeNull();
  });

  it("changes nothing locally when GHL refuses, and says why", async () => {
    const existing = ghl.store.getContact(clinic.seeded.contactIds[0]!)!;
    const before = await prisma.contact.findMany({ orderBy: { id: "asc" } });
    await expect(createGhlContact(db, await clinicRef(), { firstName: "Dup", email: existing.email })).rejects.toMatchObject({
      code: "ghl_refused",
      message: expect.stringContaining("does not allow duplicated contacts"),
    });
    expect(await prisma.contact.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("books, reschedules, marks and cancels an appointment", async () => {
    const contact = await prisma.contact.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const calendar = await prisma.calendar.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const slots = await freeSlots(calendar.ghlCalendarId);
    expect(slots.length).toBeGreaterThan(0);
    const start = slots[0]!;
    const booked = await bookGhlAppointment(db, await booking(contact, calendar, start, { title: "NAD+ Therapy" }));
    expect(booked).toMatchObject({ status: "confirmed", contactId: contact.id, title: "NAD+ Therapy" });
    expect(ghl.store.getAppointment(booked.externalId)?.contactId).toBe(contact.ghlContactId);

    // The slot is taken now: booking it again is refused by GHL (outside its free slots) and nothing is stored.
    await expect(bookGhlAppointment(db, await booking(contact, calendar, start))).rejects.toMatchObject({ code: "conflict" });
    expect(await prisma.appointment.count({ where: { startTime: start, deletedAt: null } })).toBe(1);

    // Two hours later, or the next free slot after that: late in the clinic's day, start + 2 h is past closing.
    const later = slots.find((slot) => slot.getTime() >= start.getTime() + 2 * 3_600_000)!;
    const ref = await appointmentRef(booked.id);
    const moved = await updateGhlAppointment(db, ref, { startTime: later, endTime: new Date(later.getTime() + 3_600_000) });
    expect(moved.startTime.toISOString()).toBe(later.toISOString());
    expect((await updateGhlAppointment(db, ref, { status: "showed" })).status).toBe("showed");
    expect((await updateGhlAppointment(db, ref, { status: "cancelled" })).status).toBe("cancelled");
    await deleteGhlAppointment(db, ref);
    expect(ghl.store.getAppointment(booked.externalId)).toBeUndefined();
  });

  it("books with notes through GHL's notes endpoint, never in the appointment body", async () => {
    const contact = await prisma.contact.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const calendar = await prisma.calendar.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const [start] = await freeSlots(calendar.ghlCalendarId);
    // The sandbox refuses unknown properties as GHL does: a `notes` in the body would fail the booking.
    const booked = await bookGhlAppointment(db, await booking(contact, calendar, start!, { notes: "Allergic to latex" }));
    expect(ghl.store.appointmentNotes(booked.externalId).map((n) => n.body)).toEqual(["Allergic to latex"]);
    expect(ghl.requests.count("POST /calendars/appointments/:appointmentId/notes")).toBe(1);
    expect(booked.notes).toBe("Allergic to latex");
  });

  it("refuses a time outside the calendar's free slots unless booked anyway, which tells GHL to skip its check", async () => {
    const contact = await prisma.contact.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const calendar = await prisma.calendar.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const [slot] = await freeSlots(calendar.ghlCalendarId);
    // Twelve hours after a slot that opens the day: the middle of the night, outside open hours.
    const night = new Date(slot!.getTime() - 12 * 3_600_000);
    const input = await booking(contact, calendar, night);
    const before = await prisma.appointment.count();
    await expect(bookGhlAppointment(db, input)).rejects.toMatchObject({ code: "conflict", message: OUTSIDE_FREE_SLOTS });
    expect(await prisma.appointment.count()).toBe(before);
    const anyway = await bookGhlAppointment(db, { ...input, ignoreFreeSlotValidation: true });
    expect(anyway.startTime.toISOString()).toBe(night.toISOString());
    expect(ghl.store.getAppointment(anyway.externalId)).toBeDefined();
  });

  it("refuses another agency's contact for a booking, before anything reaches GHL", async () => {
    const otherOrg = await seedOrg();
    const other = await seedClinic(ghl, otherOrg.id, { contacts: 1 });
    const calendar = await prisma.calendar.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const stranger = await prisma.contact.create({
      data: { organizationId: otherOrg.id, locationId: other.location.id, ghlContactId: "x", dateAdded: new Date(), ghlUpdatedAt: new Date() },
    });
    const sent = ghl.requests.count();
    await expect(
      bookSlotInGhl(db, { locationId: clinic.location.id, calendarId: calendar.ghlCalendarId, contactId: stranger.id, startTime: new Date(), endTime: new Date() }),
    ).rejects.toMatchObject({ code: "invalid_input", field: "contactId" });
    expect(ghl.requests.count()).toBe(sent);
  });
});

/**
 * Features own their writes: lib/contacts and lib/calendar read what a change is about once, and
 * the gateway reads none of it again. A member's handle (a unit of work, as the action wrapper
 * makes it) is wrapped so that every model operation made on it is counted.
 */

const operations: string[] = [];

/** The handle, wrapped so that every model operation the feature code calls on it is recorded, once, as "Model.operation". */
function counted(db: OrgDb): OrgDb {
  return new Proxy(db, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value === "function") return value.bind(target);
      const isDelegate = typeof property === "string" && typeof value === "object" && value !== null && typeof (value as { findUnique?: unknown }).findUnique === "function";
      if (!isDelegate) return value;
      const model = property.charAt(0).toUpperCase() + property.slice(1);
      return new Proxy(value, {
        get(delegate, operation) {
          const method: unknown = Reflect.get(delegate, operation);
          if (typeof method !== "function") return method;
          return (...args: unknown[]) => {
            operations.push(`${model}.${String(operation)}`);
            return method.apply(delegate, args);
          };
        },
      });
    },
  });
}
let memberDb: OrgDb;

/** How many of the recorded operations were reads of `model` (any find, count or aggregate). */
const readsOf = (model: string) => operations.filter((op) => op.startsWith(`${model}.`) && /\.(find|count|aggregate|groupBy)/.test(op)).length;

const ctx = () => ({ db: memberDb, clinicIds: null });

describe("a change reads what it is about once", () => {
  beforeEach(async () => {
    memberDb = counted(forMember(db.organizationId, null));
    operations.length = 0;
  });
  afterEach(() => memberDb.close());

  it("updating a contact reads the contact once, with its clinic, and nothing else", async () => {
    const contact = await prisma.contact.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    await updateContact(ctx(), { contactId: contact.id, firstName: "Renamed" });
    expect(readsOf("Contact")).toBe(1);
    expect(readsOf("Location")).toBe(0);
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({ firstName: "Renamed" });
    expect(ghl.store.getContact(contact.ghlContactId)?.firstName).toBe("Renamed");
  });

  it("deleting a contact reads it once", async () => {
    const contact = await prisma.contact.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    await deleteContact(ctx(), { contactId: contact.id });
    expect(readsOf("Contact")).toBe(1);
    expect(readsOf("Location")).toBe(0);
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: contact.id } })).deletedAt).not.toBeNull();
  });

  it("booking reads the clinic, the calendar and the patient once each; rescheduling reads the appointment once", async () => {
    const contact = await prisma.contact.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const calendar = await prisma.calendar.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const location = await clinicRef();
    const slots = await freeSlots(calendar.ghlCalendarId);
    const slot = slots[0]!;
    // Well clear of the booking, so the move is no overlap with anything.
    const later = slots.find((s) => s.getTime() >= slot.getTime() + 3 * 3_600_000);
    const when = (at: Date) => ({ date: zonedDateKey(at, location.timezone), time: zonedTimeKey(at, location.timezone), durationMinutes: 30, allowConflict: false });
    operations.length = 0;

    const { appointmentId } = await bookAppointmentForMember(ctx(), { locationId: location.id, calendarId: calendar.ghlCalendarId, contactId: contact.id, ...when(slot) });
    expect({ location: readsOf("Location"), calendar: readsOf("Calendar"), contact: readsOf("Contact") }).toEqual({ location: 1, calendar: 1, contact: 1 });
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id: appointmentId } })).toMatchObject({ contactId: contact.id, calendarId: calendar.ghlCalendarId });

    operations.length = 0;
    await rescheduleAppointmentForMember(ctx(), { appointmentId, ...when(later!) });
    expect(operations.filter((op) => op === "Appointment.findUnique")).toHaveLength(1);
    expect(readsOf("Location")).toBe(0);
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id: appointmentId } })).startTime.toISOString()).toBe(later!.toISOString());
  });

  it("says which one is missing, once, and sends nothing to GHL", async () => {
    const contact = await prisma.contact.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const calendar = await prisma.calendar.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const sent = ghl.requests.count();
    const when = { date: "2030-01-15", time: "10:00", durationMinutes: 30, allowConflict: false };
    const book = (refs: { locationId?: string; calendarId?: string; contactId?: string }) =>
      bookAppointmentForMember(ctx(), { locationId: clinic.location.id, calendarId: calendar.ghlCalendarId, contactId: contact.id, ...when, ...refs });
    await expect(book({ locationId: "no-such-clinic" })).rejects.toMatchObject({ code: "not_found", message: "That clinic was not found." });
    await expect(book({ calendarId: "no-such-calendar" })).rejects.toMatchObject({ code: "invalid_input", field: "calendarId" });
    await expect(book({ contactId: "no-such-contact" })).rejects.toMatchObject({ code: "invalid_input", field: "contactId" });
    expect(ghl.requests.count()).toBe(sent);
  });
});
