import "server-only";
import { z } from "zod";
import { assertClinicAccess, type OrgContext } from "@/lib/auth/context";
import type { OrgDb } from "@/lib/db";
import { NotFoundError, UserError } from "@/lib/errors";
import { bookGhlAppointment, GHL_CLINIC_REF, updateGhlAppointment } from "@/lib/ghl/writes";
import { findOverlapping, patientName } from "@/lib/calendar/queries";
import type {
  ZBookAppointmentInput,
  ZRescheduleAppointmentInput,
  ZSetAppointmentStatusInput,
} from "@/lib/calendar/schemas";
import { formatInZone, zoneAbbreviation, zonedWallTime } from "@/lib/time/zoned";
import { assertNoDoubleBooking, cancelCalcomForMember, rescheduleCalcomForMember } from "@/lib/calcom/scheduling";
import { appointmentRefusal, changeForStatus, type AppointmentChange } from "@/lib/calendar/choices";

/**
 * The calendar's behaviour: clinic access, the one read of what a change is about, local times in
 * the clinic's zone, the overlap warning, then the write through the GHL gateway (GHL first,
 * then the local copy), which reads none of it again.
 */

type Ctx = Pick<OrgContext, "db" | "clinicIds">;

/**
 * What a booking is about, each read once: the clinic, its calendar and the patient, with one
 * message for each that is missing (or is another clinic's).
 */
export async function findBookingRefs(db: OrgDb, refs: { locationId: string; calendarId: string; contactId: string }) {
  const [clinic, calendar, contact] = await Promise.all([
    db.location.findUnique({ where: { id: refs.locationId }, select: { ...GHL_CLINIC_REF, timezone: true } }),
    db.calendar.findUnique({ where: { locationId_ghlCalendarId: { locationId: refs.locationId, ghlCalendarId: refs.calendarId } }, select: { ghlCalendarId: true } }),
    db.contact.findUnique({ where: { id: refs.contactId }, select: { id: true, locationId: true, ghlContactId: true, deletedAt: true } }),
  ]);
  if (!clinic) throw new NotFoundError("That clinic was not found.");
  if (!calendar) throw new UserError("invalid_input", "Choose one of this clinic's calendars.", "calendarId");
  if (!contact || contact.deletedAt || contact.locationId !== clinic.id) throw new UserError("invalid_input", "Choose a patient of this clinic.", "contactId");
  return { clinic, ghlCalendarId: calendar.ghlCalendarId, contact };
}

/** An appointment with what a change to it needs (its clinic's zone and GHL ids), read once; 404 when missing or deleted. */
async function findAppointmentForChange(db: OrgDb, appointmentId: string) {
  const appointment = await db.appointment.findUnique({
    where: { id: appointmentId },
    select: {
      id: true,
      locationId: true,
      calendarId: true,
      status: true,
      deletedAt: true,
      provider: true,
      externalId: true,
      startTime: true,
      endTime: true,
      location: { select: { ...GHL_CLINIC_REF, timezone: true } },
    },
  });
  if (!appointment || appointment.deletedAt) throw new NotFoundError("That appointment does not exist.");
  return appointment;
}

async function appointmentFor(ctx: Ctx, appointmentId: string) {
  const appointment = await findAppointmentForChange(ctx.db, appointmentId);
  // Same answer as a missing one: clinic staff cannot learn that another clinic's id exists.
  assertClinicAccess(ctx, appointment.locationId);
  return appointment;
}

/** Refuses a change the appointment page would not offer for this status and time (lib/calendar/choices.ts). */
function assertChangeAllowed(appointment: { status: string; startTime: Date; endTime: Date }, change: AppointmentChange | null) {
  if (appointment.status === "cancelled") throw new UserError("cancelled", "This appointment is cancelled.");
  if (!change) return;
  const refusal = appointmentRefusal(appointment, change, new Date());
  if (refusal) throw new UserError("not_allowed_now", refusal);
}

function interval(timezone: string, input: { date: string; time: string; durationMinutes: number }) {
  const start = zonedWallTime(timezone, input.date, input.time);
  return { start, end: new Date(start.getTime() + input.durationMinutes * 60_000) };
}

/**
 * Refuses a time that overlaps another appointment on the same calendar unless the person has
 * seen the warning. Calendars with several chairs take overlapping bookings, so this is a
 * warning to confirm, not a rule: GHL keeps the final say on the calendar's capacity.
 */
async function warnOnOverlap(ctx: Ctx, slot: { locationId: string; calendarId: string; start: Date; end: Date; excludeId?: string }, timezone: string) {
  const overlapping = await findOverlapping(ctx.db, slot);
  const first = overlapping[0];
  if (!first) return;
  const time = (d: Date) => formatInZone(d, timezone, { hour: "numeric", minute: "2-digit" });
  const others = overlapping.length > 1 ? ` and ${overlapping.length - 1} more` : "";
  throw new UserError(
    "conflict",
    `This time overlaps ${patientName(first.contact)} (${time(first.startTime)}–${time(first.endTime)} ${zoneAbbreviation(timezone, first.startTime)})${others} on the same calendar.`,
    "time",
  );
}

export async function bookAppointmentForMember(ctx: Ctx, input: z.output<typeof ZBookAppointmentInput>) {
  assertClinicAccess(ctx, input.locationId);
  const { clinic, ghlCalendarId, contact } = await findBookingRefs(ctx.db, input);
  const { start, end } = interval(clinic.timezone, input);
  if (!input.allowConflict) await warnOnOverlap(ctx, { locationId: clinic.id, calendarId: ghlCalendarId, start, end }, clinic.timezone);
  await assertNoDoubleBooking(ctx.db, { provider: "ghl", locationId: clinic.id, calendarId: ghlCalendarId, startTime: start, endTime: end }, clinic.timezone, input.overrideReason);
  const booked = await bookGhlAppointment(ctx.db, {
    clinic,
    ghlCalendarId,
    ghlContactId: contact.ghlContactId,
    startTime: start,
    endTime: end,
    title: input.title || undefined,
    notes: input.notes || undefined,
    // "Book anyway" after a warning: GHL's own free-slot check is skipped too, deliberately.
    ignoreFreeSlotValidation: input.allowConflict,
  });
  return { appointmentId: booked.id };
}

/**
 * A booking Sidecar makes on its own (a waitlist patient said yes to a slot): the same reads as
 * a member's booking, no overlap warning, and GHL's free-slot check stands.
 */
export async function bookSlotInGhl(db: OrgDb, slot: { locationId: string; calendarId: string; contactId: string; startTime: Date; endTime: Date; title?: string }) {
  const { clinic, ghlCalendarId, contact } = await findBookingRefs(db, slot);
  return bookGhlAppointment(db, { clinic, ghlCalendarId, ghlContactId: contact.ghlContactId, startTime: slot.startTime, endTime: slot.endTime, title: slot.title });
}

export async function rescheduleAppointmentForMember(ctx: Ctx, input: z.output<typeof ZRescheduleAppointmentInput>) {
  const appointment = await appointmentFor(ctx, input.appointmentId);
  if (appointment.status === "cancelled") throw new UserError("cancelled", "This appointment is cancelled; book a new one instead.");
  assertChangeAllowed(appointment, "reschedule");
  if (appointment.provider === "calcom") return rescheduleCalcomForMember(ctx, appointment, input);
  const clinic = appointment.location;
  const { start, end } = interval(clinic.timezone, input);
  await assertNoDoubleBooking(ctx.db, { provider: "ghl", locationId: clinic.id, calendarId: appointment.calendarId, startTime: start, endTime: end, excludeId: appointment.id }, clinic.timezone, input.overrideReason);
  if (!input.allowConflict && appointment.calendarId) {
    await warnOnOverlap(ctx, { locationId: clinic.id, calendarId: appointment.calendarId, start, end, excludeId: appointment.id }, clinic.timezone);
  }
  const moved = await updateGhlAppointment(ctx.db, appointment, { startTime: start, endTime: end, ignoreFreeSlotValidation: input.allowConflict });
  return { appointmentId: moved.id, startTime: moved.startTime.toISOString() };
}

export async function cancelAppointmentForMember(ctx: Ctx, appointmentId: string) {
  const appointment = await appointmentFor(ctx, appointmentId);
  assertChangeAllowed(appointment, "cancel");
  if (appointment.provider === "calcom") return cancelCalcomForMember(ctx, appointment);
  // Cancelled, not deleted: GHL keeps the history and the cancellation rate counts it.
  const cancelled = await updateGhlAppointment(ctx.db, appointment, { status: "cancelled" });
  return { appointmentId: cancelled.id, status: cancelled.status };
}

export async function setAppointmentStatusForMember(ctx: Ctx, input: z.output<typeof ZSetAppointmentStatusInput>) {
  const appointment = await appointmentFor(ctx, input.appointmentId);
  assertChangeAllowed(appointment, changeForStatus(appointment.status, input.status));
  if (appointment.provider === "calcom") {
    // Cal.com has no check-in: the desk's status lives in Sidecar, and Cal.com's "accepted" never undoes it.
    const local = await ctx.db.appointment.update({ where: { id: appointment.id }, data: { status: input.status }, select: { id: true, status: true } });
    return { appointmentId: local.id, status: local.status, previousStatus: appointment.status };
  }
  const updated = await updateGhlAppointment(ctx.db, appointment, { status: input.status });
  return { appointmentId: updated.id, status: updated.status, previousStatus: appointment.status };
}
