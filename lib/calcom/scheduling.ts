import "server-only";
import { z } from "zod";
import { assertClinicAccess, type OrgContext } from "@/lib/auth/context";
import type { OrgDb } from "@/lib/db";
import { NotFoundError, UserError } from "@/lib/errors";
import { log } from "@/lib/log";
import { addDays } from "@/lib/calendar/views";
import type { FreeSlotsResult } from "@/lib/calendar/free-slots";
import { patientName } from "@/lib/calendar/queries";
import { ZLocalDate, ZLocalTime } from "@/lib/calendar/schemas";
import { formatInZone, zoneAbbreviation, zonedTimeKey, zonedWallTime } from "@/lib/time/zoned";
import { applyBookingFacts, factsFromBooking } from "@/lib/calcom/bookings";
import { calcomClientFor, calcomFirst } from "@/lib/calcom/connection";
import { holdsTime, intervalsOverlap, sameResource, type OverlapCandidate } from "@/lib/calcom/overlap";

/**
 * Booking, moving and cancelling Cal.com appointments from Sidecar: Cal.com first (its free
 * slots, its booking endpoints), then the answer stored through the same path as a webhook.
 * A time that collides with a live appointment of the other provider on the same resource is
 * refused unless the person gives a reason, which the action's audit entry keeps.
 */

type Ctx = Pick<OrgContext, "db" | "clinicIds">;

export const ZOverrideReason = z.string().trim().max(300, "Keep the reason under 300 characters").optional();

export const ZBookCalcomInput = z.object({
  locationId: z.string().trim().min(1, "Choose a clinic").max(64),
  eventTypeId: z.coerce.number().int().positive("Choose a Cal.com event type"),
  contactId: z.string().trim().min(1, "Choose a patient").max(64),
  date: ZLocalDate,
  time: ZLocalTime,
  overrideReason: ZOverrideReason,
});
export type TBookCalcomInput = z.input<typeof ZBookCalcomInput>;

export class DoubleBookingError extends UserError {
  static override readonly kind: string = "DoubleBookingError";
  constructor(message: string) {
    super("double_booking", message, "time");
  }
}

/** Live appointments of the other provider that the interval would collide with. */
export async function findCrossProviderConflicts(db: OrgDb, slot: Omit<OverlapCandidate, "id" | "status"> & { excludeId?: string }) {
  const other = slot.provider === "calcom" ? "ghl" : "calcom";
  const rows = await db.appointment.findMany({
    where: {
      locationId: slot.locationId,
      provider: other,
      deletedAt: null,
      status: { notIn: ["cancelled", "invalid"] },
      rescheduleRequestedAt: null,
      startTime: { lt: slot.endTime, gte: new Date(slot.startTime.getTime() - 86_400_000) },
      endTime: { gt: slot.startTime },
      ...(slot.excludeId ? { id: { not: slot.excludeId } } : {}),
    },
    orderBy: { startTime: "asc" },
    take: 20,
    select: { id: true, provider: true, locationId: true, calendarId: true, status: true, startTime: true, endTime: true, deletedAt: true, rescheduleRequestedAt: true, contact: { select: { firstName: true, lastName: true } } },
  });
  const probe: OverlapCandidate = { ...slot, id: "probe", status: "confirmed" };
  return rows.filter((row) => holdsTime(row) && sameResource(probe, row) && intervalsOverlap(probe, row));
}

/** Refuses a cross-provider double booking unless a reason was given. */
export async function assertNoDoubleBooking(
  db: OrgDb,
  slot: Omit<OverlapCandidate, "id" | "status"> & { excludeId?: string },
  timezone: string,
  overrideReason: string | undefined,
) {
  const conflicts = await findCrossProviderConflicts(db, slot);
  const first = conflicts[0];
  if (!first || overrideReason) return conflicts.length;
  const time = (d: Date) => formatInZone(d, timezone, { hour: "numeric", minute: "2-digit" });
  const where = first.provider === "ghl" ? "GoHighLevel" : "Cal.com";
  throw new DoubleBookingError(
    `This time is already taken in ${where} by ${patientName(first.contact)} (${time(first.startTime)}–${time(first.endTime)} ${zoneAbbreviation(timezone, first.startTime)}). Give a reason to book it anyway.`,
  );
}

async function mappedEventType(db: OrgDb, locationId: string, eventTypeId: number) {
  const eventType = await db.calcomEventType.findUnique({ where: { organizationId_eventTypeId: { organizationId: db.organizationId, eventTypeId } } });
  if (!eventType || eventType.locationId !== locationId) throw new UserError("invalid_input", "Choose one of this clinic's Cal.com event types.", "eventTypeId");
  return eventType;
}

/** Cal.com's free start times of an event type on one local day of the clinic. Never throws. */
export async function loadCalcomSlots(db: OrgDb, clinic: { id: string; timezone: string }, eventTypeId: number, date: string): Promise<FreeSlotsResult> {
  try {
    await mappedEventType(db, clinic.id, eventTypeId);
    const { client } = await calcomClientFor(db);
    const from = zonedWallTime(clinic.timezone, date);
    const to = new Date(zonedWallTime(clinic.timezone, addDays(date, 1)).getTime() - 1);
    // timeZone decides which local day each slot is keyed under and the offsets it carries.
    const byDay = await calcomFirst(() => client.slots({ eventTypeId, start: from, end: to, timeZone: clinic.timezone }));
    const slots = Object.values(byDay)
      .flat()
      .map((slot) => new Date(slot.start))
      .filter((slot) => slot >= from && slot <= to)
      .sort((a, b) => a.getTime() - b.getTime());
    return { ok: true, slots: slots.map((slot) => ({ time: zonedTimeKey(slot, clinic.timezone), label: formatInZone(slot, clinic.timezone, { hour: "numeric", minute: "2-digit" }) })) };
  } catch (err) {
    if (err instanceof UserError) return { ok: false, message: err.message };
    log.error({ err }, "Cal.com free slots could not be loaded");
    return { ok: false, message: "Free times could not be loaded from Cal.com. Try again in a moment." };
  }
}

export async function bookCalcomForMember(ctx: Ctx, input: z.output<typeof ZBookCalcomInput>) {
  assertClinicAccess(ctx, input.locationId);
  const clinic = await ctx.db.location.findUnique({ where: { id: input.locationId }, select: { id: true, timezone: true } });
  if (!clinic) throw new NotFoundError("That clinic does not exist.");
  const eventType = await mappedEventType(ctx.db, clinic.id, input.eventTypeId);
  const contact = await ctx.db.contact.findUnique({ where: { id: input.contactId }, select: { id: true, locationId: true, deletedAt: true, firstName: true, lastName: true, email: true, phone: true } });
  if (!contact || contact.deletedAt || contact.locationId !== clinic.id) throw new UserError("invalid_input", "Choose a patient of this clinic.", "contactId");
  if (!contact.email) throw new UserError("invalid_input", "Cal.com needs the patient's email address. Add one to the contact first.", "contactId");
  const start = zonedWallTime(clinic.timezone, input.date, input.time);
  const end = new Date(start.getTime() + eventType.lengthInMinutes * 60_000);
  const overlaps = await assertNoDoubleBooking(ctx.db, { provider: "calcom", locationId: clinic.id, calendarId: eventType.ghlCalendarId, startTime: start, endTime: end }, clinic.timezone, input.overrideReason);
  const { client } = await calcomClientFor(ctx.db);
  const booking = await calcomFirst(() =>
    client.createBooking({
      eventTypeId: eventType.eventTypeId,
      start,
      attendee: { name: patientName(contact), email: contact.email!, timeZone: clinic.timezone, ...(contact.phone ? { phoneNumber: contact.phone } : {}) },
      metadata: { sidecarContactId: contact.id },
    }),
  );
  const stored = await applyBookingFacts(ctx.db, factsFromBooking(booking));
  if (!stored.appointmentId) throw new UserError("calcom_unmapped", "Cal.com booked it, but the event type is no longer mapped to this clinic.");
  // The person chose this patient; a contact matched by email alone must not replace them.
  await ctx.db.appointment.update({ where: { id: stored.appointmentId }, data: { contactId: contact.id } });
  return { appointmentId: stored.appointmentId, overlaps };
}

export async function rescheduleCalcomForMember(
  ctx: Ctx,
  appointment: { id: string; externalId: string; calendarId: string | null; location: { id: string; timezone: string } },
  input: { date: string; time: string; durationMinutes: number; overrideReason?: string },
) {
  const clinic = appointment.location;
  const start = zonedWallTime(clinic.timezone, input.date, input.time);
  const end = new Date(start.getTime() + input.durationMinutes * 60_000);
  await assertNoDoubleBooking(ctx.db, { provider: "calcom", locationId: clinic.id, calendarId: appointment.calendarId, startTime: start, endTime: end, excludeId: appointment.id }, clinic.timezone, input.overrideReason);
  const { client } = await calcomClientFor(ctx.db);
  const booking = await calcomFirst(() => client.rescheduleBooking(appointment.externalId, { start, reschedulingReason: "Moved in Sidecar" }));
  // The new booking names the old uid: the row moves instead of a second one appearing.
  await applyBookingFacts(ctx.db, { ...factsFromBooking(booking), fromUid: booking.rescheduledFromUid ?? appointment.externalId });
  const moved = await ctx.db.appointment.findUniqueOrThrow({ where: { id: appointment.id }, select: { id: true, startTime: true } });
  return { appointmentId: moved.id, startTime: moved.startTime.toISOString() };
}

export async function cancelCalcomForMember(ctx: Ctx, appointment: { id: string; externalId: string }) {
  const { client } = await calcomClientFor(ctx.db);
  const booking = await calcomFirst(() => client.cancelBooking(appointment.externalId, { cancellationReason: "Cancelled in Sidecar" }));
  await applyBookingFacts(ctx.db, factsFromBooking(booking));
  const row = await ctx.db.appointment.findUniqueOrThrow({ where: { id: appointment.id }, select: { id: true, status: true } });
  return { appointmentId: row.id, status: row.status };
}

/** The Cal.com event types a clinic books through, for the booking form. */
export async function findBookableEventTypes(db: OrgDb, locationId: string) {
  return db.calcomEventType.findMany({ where: { locationId }, orderBy: { title: "asc" }, select: { eventTypeId: true, title: true, lengthInMinutes: true } });
}
