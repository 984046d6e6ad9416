import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GhlSandbox } from "../sandboxes/ghl";
import { prisma, resetDatabase } from "../support/db";
import { seedOrg } from "../support/factories";
import { connectAgency, resetGhlTransport, seedClinic, startSuiteSandbox } from "../support/ghl";
import { forOrg } from "@/lib/db";
import { syncLocation } from "@/lib/ghl/sync/sync-location";
import { OUTSIDE_FREE_SLOTS, bookAppointment, createContact, deleteAppointment, deleteContact, findFreeSlots, updateAppointment, updateContact } from "@/lib/ghl/writes";

let ghl: GhlSandbox;
let db: ReturnType<typeof forOrg>;
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

describe("writes go to GHL first, then to the local copy", () => {
  it("creates, updates and deletes a contact in both places", async () => {
    const created = await createContact(db, clinic.location.id, { firstName: "Nia", lastName: "Okafor", email: "Nia@Example.com", phone: "+15125550199" });
    expect(created).toMatchObject({ firstName: "Nia", email: "nia@example.com", phone: "+15125550199" });
    expect(ghl.store.getContact(created.ghlContactId)).toMatchObject({ firstName: "Nia" });

    const updated = await updateContact(db, created.id, { lastName: "Okafor-Reed", tags: ["vip"] });
    expect(updated).toMatchObject({ lastName: "Okafor-Reed", tags: ["vip"] });
    expect(ghl.store.getContact(created.ghlContactId)?.lastName).toBe("Okafor-Reed");

    await deleteContact(db, created.id);
    expect(ghl.store.getContact(created.ghlContactId)).toBeUndefined();
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: created.id } })).deletedAt).not.toBeNull();
  });

  it("changes nothing locally when GHL refuses, and says why", async () => {
    const existing = ghl.store.getContact(clinic.seeded.contactIds[0]!)!;
    const before = await prisma.contact.findMany({ orderBy: { id: "asc" } });
    await expect(createContact(db, clinic.location.id, { firstName: "Dup", email: existing.email })).rejects.toMatchObject({
      code: "ghl_refused",
      message: expect.stringContaining("does not allow duplicated contacts"),
    });
    expect(await prisma.contact.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("books, reschedules, marks and cancels an appointment", async () => {
    const contact = await prisma.contact.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const calendar = await prisma.calendar.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const slots = await findFreeSlots(db, clinic.location.id, calendar.ghlCalendarId, new Date(Date.now() + 86_400_000), new Date(Date.now() + 8 * 86_400_000));
    expect(slots.length).toBeGreaterThan(0);
    const start = slots[0]!;
    const booked = await bookAppointment(db, clinic.location.id, {
      calendarId: calendar.ghlCalendarId,
      contactId: contact.id,
      startTime: start,
      endTime: new Date(start.getTime() + 3_600_000),
      title: "NAD+ Therapy",
    });
    expect(booked).toMatchObject({ status: "confirmed", contactId: contact.id, title: "NAD+ Therapy" });
    expect(ghl.store.getAppointment(booked.externalId)?.contactId).toBe(contact.ghlContactId);

    // The slot is taken now: booking it again is refused by GHL (outside its free slots) and nothing is stored.
    await expect(
      bookAppointment(db, clinic.location.id, { calendarId: calendar.ghlCalendarId, contactId: contact.id, startTime: start, endTime: new Date(start.getTime() + 3_600_000) }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await prisma.appointment.count({ where: { startTime: start, deletedAt: null } })).toBe(1);

    const later = new Date(start.getTime() + 2 * 3_600_000);
    const moved = await updateAppointment(db, booked.id, { startTime: later, endTime: new Date(later.getTime() + 3_600_000) });
    expect(moved.startTime.toISOString()).toBe(later.toISOString());
    expect((await updateAppointment(db, booked.id, { status: "showed" })).status).toBe("showed");
    expect((await updateAppointment(db, booked.id, { status: "cancelled" })).status).toBe("cancelled");
    await deleteAppointment(db, booked.id);
    expect(ghl.store.getAppointment(booked.externalId)).toBeUndefined();
  });

  it("books with notes through GHL's notes endpoint, never in the appointment body", async () => {
    const contact = await prisma.contact.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const calendar = await prisma.calendar.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const [start] = await findFreeSlots(db, clinic.location.id, calendar.ghlCalendarId, new Date(Date.now() + 86_400_000), new Date(Date.now() + 8 * 86_400_000));
    // The sandbox refuses unknown properties as GHL does: a `notes` in the body would fail the booking.
    const booked = await bookAppointment(db, clinic.location.id, {
      calendarId: calendar.ghlCalendarId,
      contactId: contact.id,
      startTime: start!,
      endTime: new Date(start!.getTime() + 3_600_000),
      notes: "Allergic to latex",
    });
    expect(ghl.store.appointmentNotes(booked.externalId).map((n) => n.body)).toEqual(["Allergic to latex"]);
    expect(ghl.requests.count("POST /calendars/appointments/:appointmentId/notes")).toBe(1);
    expect(booked.notes).toBe("Allergic to latex");
  });

  it("refuses a time outside the calendar's free slots unless booked anyway, which tells GHL to skip its check", async () => {
    const contact = await prisma.contact.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const calendar = await prisma.calendar.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const [slot] = await findFreeSlots(db, clinic.location.id, calendar.ghlCalendarId, new Date(Date.now() + 86_400_000), new Date(Date.now() + 8 * 86_400_000));
    // Twelve hours after a slot that opens the day: the middle of the night, outside open hours.
    const night = new Date(slot!.getTime() - 12 * 3_600_000);
    const input = { calendarId: calendar.ghlCalendarId, contactId: contact.id, startTime: night, endTime: new Date(night.getTime() + 3_600_000) };
    const before = await prisma.appointment.count();
    await expect(bookAppointment(db, clinic.location.id, input)).rejects.toMatchObject({ code: "conflict", message: OUTSIDE_FREE_SLOTS });
    expect(await prisma.appointment.count()).toBe(before);
    const anyway = await bookAppointment(db, clinic.location.id, { ...input, ignoreFreeSlotValidation: true });
    expect(anyway.startTime.toISOString()).toBe(night.toISOString());
    expect(ghl.store.getAppointment(anyway.externalId)).toBeDefined();
  });

  it("refuses another clinic's contact for a booking", async () => {
    const otherOrg = await seedOrg();
    const other = await seedClinic(ghl, otherOrg.id, { contacts: 1 });
    const calendar = await prisma.calendar.findFirstOrThrow({ where: { locationId: clinic.location.id } });
    const stranger = await prisma.contact.create({
      data: { organizationId: otherOrg.id, locationId: other.location.id, ghlContactId: "x", dateAdded: new Date(), ghlUpdatedAt: new Date() },
    });
    await expect(
      bookAppointment(db, clinic.location.id, { calendarId: calendar.ghlCalendarId, contactId: stranger.id, startTime: new Date(), endTime: new Date() }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
