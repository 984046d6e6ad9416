import { addDays, dateKey, formatWithOffset, localDate, wallTimeToEpoch, weekday } from "./time";
import type { Appointment, Calendar } from "./types";

export const MAX_FREE_SLOT_RANGE_MS = 31 * 86_400_000;

/**
 * Free slots of a calendar between two instants: every slotInterval step inside the open
 * hours (read in the location's time zone) where a slotDuration-long appointment fits and the
 * calendar still has room, excluding the past. Output is keyed by local date in the requested
 * zone, slots in that zone's offset, as GHL answers. Days without a free slot are left out
 * (GHL's handling of empty days is unconfirmed).
 */
export function computeFreeSlots(input: {
  calendar: Calendar;
  appointments: readonly Appointment[];
  locationTimezone: string;
  outputTimezone: string;
  startMs: number;
  endMs: number;
  nowMs: number;
}): Record<string, { slots: string[] }> {
  const { calendar, locationTimezone: zone } = input;
  const durationMs = calendar.slotDuration * 60_000;
  const booked = input.appointments.filter(
    (appointment) => appointment.calendarId === calendar.id && appointment.appointmentStatus !== "cancelled" && appointment.appointmentStatus !== "invalid",
  );
  const freeStarts = new Set<number>();
  const lastDay = dateKey(localDate(input.endMs, zone));
  for (let day = localDate(input.startMs, zone); dateKey(day) <= lastDay; day = addDays(day, 1)) {
    for (const rule of calendar.openHours) {
      if (!rule.daysOfTheWeek.includes(weekday(day))) continue;
      for (const hours of rule.hours) {
        const openMinute = hours.openHour * 60 + hours.openMinute;
        const closeMinute = hours.closeHour * 60 + hours.closeMinute;
        for (let minute = openMinute; minute + calendar.slotDuration <= closeMinute; minute += calendar.slotInterval) {
          const start = wallTimeToEpoch(zone, day, Math.floor(minute / 60), minute % 60);
          if (start < input.startMs || start > input.endMs || start < input.nowMs + (calendar.minimumNoticeMinutes ?? 0) * 60_000) continue;
          const end = start + durationMs;
          const taken = booked.filter((appointment) => appointment.startTime < end && appointment.endTime > start).length;
          if (taken >= calendar.appointmentsPerSlot) continue;
          freeStarts.add(start);
        }
      }
    }
  }
  const result: Record<string, { slots: string[] }> = {};
  for (const start of [...freeStarts].sort((a, b) => a - b)) {
    const key = dateKey(localDate(start, input.outputTimezone));
    (result[key] ??= { slots: [] }).slots.push(formatWithOffset(start, input.outputTimezone));
  }
  return result;
}

/**
 * Whether a booking from `start` to `end` fits the calendar as GHL checks it when
 * ignoreFreeSlotValidation is not set: `start` must be one of the free slots (inside open
 * hours, past the minimum notice, with room left) and the booking must not outlast the slot.
 */
export function isFreeSlot(input: {
  calendar: Calendar;
  appointments: readonly Appointment[];
  locationTimezone: string;
  startMs: number;
  endMs: number;
  nowMs: number;
}): boolean {
  if (input.endMs - input.startMs > input.calendar.slotDuration * 60_000) {
    // A longer booking must find every slot it covers free; GHL's exact rule is unconfirmed.
    const steps = Math.ceil((input.endMs - input.startMs) / (input.calendar.slotDuration * 60_000));
    for (let i = 1; i < steps; i++) {
      const at = input.startMs + i * input.calendar.slotDuration * 60_000;
      if (!isFreeSlot({ ...input, startMs: at, endMs: Math.min(input.endMs, at + input.calendar.slotDuration * 60_000) })) return false;
    }
  }
  const free = computeFreeSlots({ ...input, outputTimezone: "UTC", startMs: input.startMs, endMs: input.startMs });
  return Object.values(free).some((day) => day.slots.some((slot) => Date.parse(slot) === input.startMs));
}
