import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { assertClinicAccess } from "@/lib/auth/context";
import type { ClinicChoice } from "@/lib/clinic/clinics";
import type { OrgDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { addDays } from "@/lib/calendar/views";
import { zonedDateKey, zonedWallTime } from "@/lib/time/zoned";
import { doubleBookedIds } from "@/lib/calcom/overlap";
import type { RiskBand } from "@/lib/noshow/risk";

/** A month across many clinics stays readable and cheap; past this the page says so. */
export const PERIOD_LIMIT = 2000;

const APPOINTMENT_SUMMARY = {
  id: true,
  locationId: true,
  calendarId: true,
  title: true,
  status: true,
  startTime: true,
  endTime: true,
  provider: true,
  rescheduleRequestedAt: true,
  contact: { select: { firstName: true, lastName: true } },
  risk: { select: { score: true, band: true } },
} as const;

/**
 * Appointments starting on the given local days, each clinic's days read in its own zone.
 * One query: an OR of (clinic, startTime range), which the (organizationId, locationId,
 * startTime) index answers range by range.
 */
export async function findAppointmentsForPeriod(db: OrgDb, clinics: ClinicChoice[], days: string[]) {
  if (clinics.length === 0 || days.length === 0) return { byDay: new Map<string, PeriodAppointment[]>(), truncated: false };
  const first = days[0]!;
  const afterLast = addDays(days[days.length - 1]!, 1);
  const rows = await db.appointment.findMany({
    where: {
      deletedAt: null,
      OR: clinics.map((clinic) => ({
        locationId: clinic.id,
        startTime: { gte: zonedWallTime(clinic.timezone, first), lt: zonedWallTime(clinic.timezone, afterLast) },
      })),
    },
    orderBy: [{ startTime: "asc" }, { id: "asc" }],
    take: PERIOD_LIMIT + 1,
    select: APPOINTMENT_SUMMARY,
  });
  const zoneOf = new Map(clinics.map((c) => [c.id, c.timezone]));
  const byDay = new Map<string, PeriodAppointment[]>();
  // A Cal.com booking over a GHL appointment on the same chairs: badged on both.
  const doubleBooked = doubleBookedIds(rows.map((row) => ({ ...row, deletedAt: null })));
  for (const row of rows.slice(0, PERIOD_LIMIT)) {
    const timezone = zoneOf.get(row.locationId)!;
    const day = zonedDateKey(row.startTime, timezone);
    const list = byDay.get(day) ?? [];
    list.push({ ...row, timezone, patient: patientName(row.contact), doubleBooked: doubleBooked.has(row.id) });
    byDay.set(day, list);
  }
  return { byDay, truncated: rows.length > PERIOD_LIMIT };
}

export type PeriodAppointment = {
  id: string;
  locationId: string;
  calendarId: string | null;
  title: string | null;
  status: string;
  startTime: Date;
  endTime: Date;
  timezone: string;
  patient: string;
  provider: "ghl" | "calcom";
  rescheduleRequestedAt: Date | null;
  /** Overlaps a live appointment of the other provider on the same resource. */
  doubleBooked: boolean;
  /** The stored no-show risk (lib/noshow), for appointments scored before they start. */
  risk: { score: number; band: RiskBand } | null;
};

/** Whether an appointment's stored risk is still worth showing: it has not happened, and it is still on. */
export function riskStillApplies(appointment: { status: string; startTime: Date }, now: Date): boolean {
  return (appointment.status === "new" || appointment.status === "confirmed") && appointment.startTime.getTime() > now.getTime();
}

export function patientName(contact: { firstName: string | null; lastName: string | null } | null): string {
  return [contact?.firstName, contact?.lastName].filter(Boolean).join(" ") || "Unknown patient";
}

/** GHL calendar names by clinic and GHL calendar id (appointments store the GHL id). */
export async function findCalendarNames(db: OrgDb, locationIds: string[]): Promise<Map<string, string>> {
  if (locationIds.length === 0) return new Map();
  const calendars = await db.calendar.findMany({ where: { locationId: { in: locationIds } }, select: { locationId: true, ghlCalendarId: true, name: true } });
  return new Map(calendars.map((c) => [`${c.locationId}:${c.ghlCalendarId}`, c.name]));
}

export async function findBookableCalendars(db: OrgDb, locationId: string) {
  return db.calendar.findMany({
    where: { locationId, isActive: true },
    orderBy: { name: "asc" },
    select: { ghlCalendarId: true, name: true, slotDurationMinutes: true },
  });
}

/** One appointment with what its page shows; clinic staff only for their clinics. */
export async function findAppointmentDetail(ctx: Pick<OrgContext, "db" | "clinicIds">, appointmentId: string) {
  const appointment = await ctx.db.appointment.findUnique({
    where: { id: appointmentId },
    select: {
      ...APPOINTMENT_SUMMARY,
      notes: true,
      deletedAt: true,
      previousExternalIds: true,
      calcomEventTypeId: true,
      location: { select: { id: true, name: true, timezone: true } },
      contact: { select: { id: true, firstName: true, lastName: true, email: true, phone: true } },
    },
  });
  if (!appointment || appointment.deletedAt) throw new NotFoundError("That appointment does not exist.");
  assertClinicAccess(ctx, appointment.locationId);
  const calendar = appointment.calendarId
    ? await ctx.db.calendar.findUnique({
        where: { locationId_ghlCalendarId: { locationId: appointment.locationId, ghlCalendarId: appointment.calendarId } },
        select: { name: true },
      })
    : null;
  return { ...appointment, patient: patientName(appointment.contact), calendarName: calendar?.name ?? null };
}

/** Longest appointment the overlap check looks back for; bookings are capped at 8 hours. */
const LOOKBACK_MS = 24 * 3_600_000;

/**
 * Live appointments on the same GHL calendar that overlap [start, end). The lower bound on
 * startTime keeps the scan to a day of the clinic's index instead of its whole history.
 */
export async function findOverlapping(
  db: OrgDb,
  slot: { locationId: string; calendarId: string; start: Date; end: Date; excludeId?: string },
) {
  return db.appointment.findMany({
    where: {
      locationId: slot.locationId,
      calendarId: slot.calendarId,
      deletedAt: null,
      status: { notIn: ["cancelled", "invalid"] },
      startTime: { lt: slot.end, gte: new Date(slot.start.getTime() - LOOKBACK_MS) },
      endTime: { gt: slot.start },
      ...(slot.excludeId ? { id: { not: slot.excludeId } } : {}),
    },
    orderBy: { startTime: "asc" },
    take: 5,
    select: { id: true, startTime: true, endTime: true, contact: { select: { firstName: true, lastName: true } } },
  });
}
