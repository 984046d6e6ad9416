import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { GhlSandbox } from "../sandboxes/ghl";
import { prisma, resetDatabase } from "../support/db";
import { actAs, signInAs } from "../support/auth";
import { seedOrg } from "../support/factories";
import { connectAgency, resetGhlTransport, seedClinic, startSuiteSandbox } from "../support/ghl";
import { bookAppointmentAction } from "@/actions/appointments/book-appointment";
import { cancelAppointmentAction } from "@/actions/appointments/cancel-appointment";
import { rescheduleAppointmentAction } from "@/actions/appointments/reschedule-appointment";
import { setAppointmentStatusAction } from "@/actions/appointments/set-appointment-status";
import { forOrg } from "@/lib/db";
import { loadFreeSlots } from "@/lib/calendar/free-slots";
import { addDays, weekdayIndex } from "@/lib/calendar/views";
import { syncLocation } from "@/lib/ghl/sync/sync-location";
import { OUTSIDE_FREE_SLOTS } from "@/lib/ghl/writes";
import type { AgencyRole } from "@/lib/auth/permissions";
import { zonedDateKey, zonedWallTime } from "@/lib/time/zoned";

vi.mock("@/lib/auth/request", () => ({ requestHeaders: vi.fn() }));

const ZONE = "America/Chicago";
const BOOK_PATH = "POST /calendars/events/appointments";

let ghl: GhlSandbox;
let slug: string;
let clinic1: Awaited<ReturnType<typeof seedClinic>>;
let clinic2: Awaited<ReturnType<typeof seedClinic>>;
let admin: Headers;
let staff: Headers;
/** A Wednesday a week or two ahead, in the clinic's calendar: inside open hours, never in the past. */
let day: string;

async function member(organizationId: string, role: AgencyRole, clinicIds: string[] = []) {
  const user = await prisma.user.create({ data: { name: role, email: `${role}.${organizationId}@example.com`, emailVerified: true } });
  const row = await prisma.member.create({ data: { organizationId, userId: user.id, role } });
  for (const locationId of clinicIds) await prisma.memberLocation.create({ data: { memberId: row.id, locationId, organizationId } });
  return signInAs(user.email);
}

async function fixtures(clinic: typeof clinic1) {
  const contacts = await prisma.contact.findMany({ where: { locationId: clinic.location.id }, orderBy: { ghlContactId: "asc" } });
  const calendars = await prisma.calendar.findMany({ where: { locationId: clinic.location.id }, orderBy: { ghlCalendarId: "asc" } });
  return { contacts, calendars };
}

async function book(clinic: typeof clinic1, overrides: Partial<Parameters<typeof bookAppointmentAction>[1]> = {}) {
  const { contacts, calendars } = await fixtures(clinic);
  return bookAppointmentAction(slug, {
    locationId: clinic.location.id,
    calendarId: calendars[0]!.ghlCalendarId,
    contactId: contacts[0]!.id,
    date: day,
    time: "10:00",
    durationMinutes: 60,
    title: "Hydration IV",
    ...overrides,
  });
}

/** Moves an appointment's local copy so it starts `minutes` from now (negative: already started), an hour long. */
async function startsAt(id: string, minutes: number) {
  const startTime = new Date(Date.now() + minutes * 60_000);
  await prisma.appointment.update({ where: { id }, data: { startTime, endTime: new Date(startTime.getTime() + 3_600_000) } });
}

function bookedId(result: Awaited<ReturnType<typeof bookAppointmentAction>>): string {
  if (!result.ok) throw new Error(`booking failed: ${result.code} ${result.error}`);
  return result.data.appointmentId;
}

beforeAll(async () => {
  ghl = await startSuiteSandbox();
});
afterAll(() => ghl.stop());

beforeEach(async () => {
  await resetDatabase();
  resetGhlTransport();
  ghl.faults.clear();
  const org = await seedOrg();
  slug = org.slug;
  await connectAgency(ghl, org.id);
  clinic1 = await seedClinic(ghl, org.id, { contacts: 3, calendars: 2, timezone: ZONE });
  clinic2 = await seedClinic(ghl, org.id, { contacts: 2, calendars: 1, timezone: "America/New_York" });
  await syncLocation(clinic1.clinic, { budgetMs: 30_000 });
  await syncLocation(clinic2.clinic, { budgetMs: 30_000 });
  admin = await member(org.id, "agency_admin");
  staff = await member(org.id, "clinic_staff", [clinic1.location.id]);
  const soon = zonedDateKey(new Date(Date.now() + 7 * 86_400_000), ZONE);
  day = addDays(soon, (2 - weekdayIndex(soon) + 7) % 7);
  actAs(admin);
});

describe("booking", () => {
  it("books in GHL first, then locally, at the clinic's wall-clock time", async () => {
    const id = bookedId(await book(clinic1));
    const stored = await prisma.appointment.findUniqueOrThrow({ where: { id } });
    const expected = zonedWallTime(ZONE, day, "10:00");
    expect(stored.startTime.toISOString()).toBe(expected.toISOString());
    expect(stored.endTime.getTime() - stored.startTime.getTime()).toBe(3_600_000);
    expect(stored).toMatchObject({ status: "confirmed", title: "Hydration IV", locationId: clinic1.location.id });
    const inGhl = ghl.store.getAppointment(stored.externalId)!;
    expect(inGhl.startTime).toBe(expected.getTime());
    expect(await prisma.auditLog.count({ where: { action: "appointments.book", outcome: "success", targetId: id } })).toBe(1);
  });

  it("answers bad input field by field and sends nothing to GHL", async () => {
    const before = ghl.requests.count(BOOK_PATH);
    const result = await book(clinic1, { contactId: "", time: "25:00", durationMinutes: 3, date: "2026-02-30" });
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    expect(!result.ok && Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["contactId", "date", "durationMinutes", "time"]);

    const { contacts } = await fixtures(clinic2);
    const strayPatient = await book(clinic1, { contactId: contacts[0]!.id });
    expect(strayPatient).toMatchObject({ ok: false, fieldErrors: { contactId: ["Choose a patient of this clinic."] } });
    const strayCalendar = await book(clinic1, { calendarId: "not-a-calendar" });
    expect(strayCalendar).toMatchObject({ ok: false, fieldErrors: { calendarId: ["Choose one of this clinic's calendars."] } });
    expect(ghl.requests.count(BOOK_PATH)).toBe(before);
  });

  it("warns about an overlap on the same calendar, and books over it only when confirmed", async () => {
    bookedId(await book(clinic1));
    const { contacts, calendars } = await fixtures(clinic1);
    const sent = ghl.requests.count(BOOK_PATH);

    const overlap = await book(clinic1, { contactId: contacts[1]!.id, time: "10:30" });
    expect(overlap).toMatchObject({ ok: false, code: "conflict", fieldErrors: { time: [expect.stringContaining(`${contacts[0]!.firstName}`)] } });
    expect(ghl.requests.count(BOOK_PATH)).toBe(sent);

    // Another calendar of the clinic is another chair: no warning.
    bookedId(await book(clinic1, { contactId: contacts[1]!.id, time: "10:30", calendarId: calendars[1]!.ghlCalendarId }));
    // Back-to-back is not an overlap.
    bookedId(await book(clinic1, { contactId: contacts[2]!.id, time: "11:00" }));

    // Confirmed ("book anyway"), GHL is told to skip its free-slot check, so it takes the booking
    // although this calendar takes one at a time.
    const forced = await book(clinic1, { contactId: contacts[1]!.id, time: "10:30", allowConflict: true });
    const forcedId = bookedId(forced);
    const stored = await prisma.appointment.findUniqueOrThrow({ where: { id: forcedId } });
    expect(ghl.store.getAppointment(stored.externalId)).toBeDefined();
  });

  it("says so when GHL is down, and stores nothing", async () => {
    const before = await prisma.appointment.findMany({ orderBy: { id: "asc" } });
    ghl.faults.failNext(1, { status: 503, match: { method: "POST", path: "/calendars/events/appointments" } });
    const result = await book(clinic1);
    expect(result).toMatchObject({ ok: false, code: "ghl_unavailable", error: expect.stringContaining("Nothing was changed") });
    expect(await prisma.appointment.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("lists GHL's free times for a local day in the clinic's wall clock", async () => {
    const { calendars } = await fixtures(clinic1);
    const db = forOrg(clinic1.clinic.organizationId);
    const free = await loadFreeSlots(db, { id: clinic1.location.id, timezone: ZONE }, calendars[0]!.ghlCalendarId, day);
    expect(free.ok).toBe(true);
    const times = free.ok ? free.slots.map((s) => s.time) : [];
    expect(times).toContain("10:00");
    bookedId(await book(clinic1));
    const after = await loadFreeSlots(db, { id: clinic1.location.id, timezone: ZONE }, calendars[0]!.ghlCalendarId, day);
    expect(after.ok && after.slots.map((s) => s.time)).not.toContain("10:00");

    // A refusal becomes a message beside the slots, never an error that takes the page down.
    const refused = await loadFreeSlots(db, { id: clinic1.location.id, timezone: ZONE }, "gone-calendar", day);
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("Calendar not found") });
  });
});

describe("changing an appointment", () => {
  it("reschedules, checks in, undoes and cancels: GHL first, then the local copy", async () => {
    const id = bookedId(await book(clinic1));
    const other = bookedId(await book(clinic1, { time: "15:00" }));
    const { externalId } = await prisma.appointment.findUniqueOrThrow({ where: { id } });

    const clash = await rescheduleAppointmentAction(slug, { appointmentId: id, date: day, time: "15:30", durationMinutes: 45 });
    expect(clash).toMatchObject({ ok: false, code: "conflict" });
    // Moving within its own old time is no conflict with itself.
    const moved = await rescheduleAppointmentAction(slug, { appointmentId: id, date: day, time: "10:30", durationMinutes: 45 });
    expect(moved).toMatchObject({ ok: true, data: { startTime: zonedWallTime(ZONE, day, "10:30").toISOString() } });
    expect(ghl.store.getAppointment(externalId)).toMatchObject({
      startTime: zonedWallTime(ZONE, day, "10:30").getTime(),
      endTime: zonedWallTime(ZONE, day, "11:15").getTime(),
    });

    // The visit begins: the desk checks the patient in, and undoes it.
    await startsAt(id, -10);
    expect(await setAppointmentStatusAction(slug, { appointmentId: id, status: "showed" })).toMatchObject({ ok: true, data: { status: "showed", previousStatus: "confirmed" } });
    expect(ghl.store.getAppointment(externalId)?.appointmentStatus).toBe("showed");
    expect(await setAppointmentStatusAction(slug, { appointmentId: id, status: "confirmed" })).toMatchObject({ ok: true, data: { status: "confirmed" } });
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id } })).status).toBe("confirmed");

    await startsAt(id, 24 * 60);
    expect(await cancelAppointmentAction(slug, { appointmentId: id })).toMatchObject({ ok: true, data: { status: "cancelled" } });
    expect(ghl.store.getAppointment(externalId)?.appointmentStatus).toBe("cancelled");
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id } })).status).toBe("cancelled");
    expect(await setAppointmentStatusAction(slug, { appointmentId: id, status: "showed" })).toMatchObject({ ok: false, code: "cancelled" });
    // A cancelled appointment no longer blocks its time.
    expect(await rescheduleAppointmentAction(slug, { appointmentId: other, date: day, time: "10:30", durationMinutes: 45 })).toMatchObject({ ok: true });
  });

  it("leaves the local copy as it was when GHL refuses a move", async () => {
    const id = bookedId(await book(clinic1));
    bookedId(await book(clinic1, { time: "12:00" }));
    const before = await prisma.appointment.findMany({ orderBy: { id: "asc" } });
    // Before opening: no local overlap, but outside GHL's free slots, so GHL refuses the move.
    const refused = await rescheduleAppointmentAction(slug, { appointmentId: id, date: day, time: "06:00", durationMinutes: 60 });
    expect(refused).toMatchObject({ ok: false, code: "conflict", error: OUTSIDE_FREE_SLOTS });
    expect(await prisma.appointment.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    const unknown = await setAppointmentStatusAction(slug, { appointmentId: "nope", status: "showed" });
    expect(unknown).toMatchObject({ ok: false, code: "not_found" });
    expect(await setAppointmentStatusAction(slug, { appointmentId: id, status: "cancelled" as "showed" })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { status: expect.any(Array) } });
  });
});

describe("what the status and the time allow", () => {
  it("refuses a check-in too early, a no-show before the start, and cancelling or moving a visit that began", async () => {
    const id = bookedId(await book(clinic1));
    const { externalId } = await prisma.appointment.findUniqueOrThrow({ where: { id } });
    const refused = (result: { ok: boolean; code?: string; error?: string }, message: string) =>
      expect(result).toMatchObject({ ok: false, code: "not_allowed_now", error: message });

    // A week ahead: it can be moved or cancelled, not checked in or marked absent.
    refused(await setAppointmentStatusAction(slug, { appointmentId: id, status: "showed" }), "Check-in opens 2 hours before the appointment starts.");
    refused(await setAppointmentStatusAction(slug, { appointmentId: id, status: "noshow" }), "An appointment can be marked as a no-show once it has started.");

    // Under way: the desk marks it; nobody cancels or moves it any more.
    await startsAt(id, -15);
    refused(await cancelAppointmentAction(slug, { appointmentId: id }), "This appointment has already started; mark it as a no-show instead of cancelling.");
    refused(
      await rescheduleAppointmentAction(slug, { appointmentId: id, date: day, time: "11:00", durationMinutes: 60 }),
      "This appointment has already started and can no longer be moved; book a new one instead.",
    );
    expect(await setAppointmentStatusAction(slug, { appointmentId: id, status: "showed" })).toMatchObject({ ok: true });
    refused(await setAppointmentStatusAction(slug, { appointmentId: id, status: "showed" }), "This patient is already checked in.");

    // Checked in early for a visit still to come: undo the check-in before cancelling.
    await startsAt(id, 60);
    refused(await cancelAppointmentAction(slug, { appointmentId: id }), "This visit was checked in; undo that before cancelling.");

    // Three days later the check-in is part of the record.
    await startsAt(id, -3 * 24 * 60);
    const settled = "This visit ended more than 12 hours ago and was checked in; that is part of the record now.";
    refused(await setAppointmentStatusAction(slug, { appointmentId: id, status: "confirmed" }), settled);
    refused(await setAppointmentStatusAction(slug, { appointmentId: id, status: "noshow" }), settled);
    refused(await cancelAppointmentAction(slug, { appointmentId: id }), settled);

    // Nothing refused reached GHL or the local copy.
    expect(ghl.store.getAppointment(externalId)?.appointmentStatus).toBe("showed");
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id } })).status).toBe("showed");
  });

  it("lets clinic staff confirm an unmarked visit at any time, and refuses any change to a cancelled one", async () => {
    const id = bookedId(await book(clinic1));
    actAs(staff);
    expect(await setAppointmentStatusAction(slug, { appointmentId: id, status: "new" })).toMatchObject({ ok: true, data: { status: "new" } });
    expect(await setAppointmentStatusAction(slug, { appointmentId: id, status: "confirmed" })).toMatchObject({ ok: true, data: { status: "confirmed" } });
    actAs(admin);
    expect(await cancelAppointmentAction(slug, { appointmentId: id })).toMatchObject({ ok: true });
    expect(await cancelAppointmentAction(slug, { appointmentId: id })).toMatchObject({ ok: false, code: "cancelled", error: "This appointment is cancelled." });
    expect(await setAppointmentStatusAction(slug, { appointmentId: id, status: "confirmed" })).toMatchObject({ ok: false, code: "cancelled" });
  });
});

describe("clinic staff", () => {
  it("check in and mark no-shows at their own clinic only, and do not book or cancel", async () => {
    const mine = bookedId(await book(clinic1));
    const theirs = bookedId(await book(clinic2));
    const before = await prisma.appointment.findUniqueOrThrow({ where: { id: theirs } });
    await startsAt(mine, -20);
    actAs(staff);
    expect(await setAppointmentStatusAction(slug, { appointmentId: mine, status: "noshow" })).toMatchObject({ ok: true, data: { status: "noshow" } });
    expect(await setAppointmentStatusAction(slug, { appointmentId: mine, status: "confirmed" })).toMatchObject({ ok: true });
    expect(await setAppointmentStatusAction(slug, { appointmentId: theirs, status: "showed" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await cancelAppointmentAction(slug, { appointmentId: mine })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await book(clinic1)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id: theirs } })).toEqual(before);
  });
});
