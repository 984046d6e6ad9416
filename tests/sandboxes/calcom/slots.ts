import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

/**
 * Free start times as Cal.com computes them for one event type: the host's weekly hours in the
 * host's own zone, one slot every `lengthInMinutes`, minus anything overlapping a booking that
 * still holds its time. The answer is keyed by the *requested* timeZone's local date and each
 * start carries that zone's offset, as /v2/slots (2024-09-04) answers.
 */

export interface Availability {
  /** The host's zone, in which `days`, `from` and `to` are read. */
  timeZone: string;
  /** 0 = Sunday … 6 = Saturday. */
  days: number[];
  from: string;
  to: string;
}

export interface Busy {
  start: Date;
  end: Date;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-12-03T09:00:00.000-05:00" */
export function isoInZone(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), "yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
}

export function dateKeyInZone(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), "yyyy-MM-dd");
}

function wallTime(dateKey: string, time: string, timeZone: string): Date {
  const [y, m, d] = dateKey.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, timeZone).getTime());
}

export function computeSlots(input: { availability: Availability; lengthInMinutes: number; start: Date; end: Date; busy: Busy[]; timeZone: string; now: Date }) {
  const { availability, lengthInMinutes } = input;
  const stepMs = lengthInMinutes * 60_000;
  const out: Record<string, Array<{ start: string }>> = {};
  // Walk the host's local days that touch [start, end].
  const firstDay = dateKeyInZone(new Date(input.start.getTime() - 86_400_000), availability.timeZone);
  let day = firstDay;
  for (let i = 0; i < 400; i++) {
    const dayStart = wallTime(day, "00:00", availability.timeZone);
    if (dayStart.getTime() > input.end.getTime()) break;
    const weekday = new TZDate(dayStart.getTime(), availability.timeZone).getDay();
    if (availability.days.includes(weekday)) {
      const open = wallTime(day, availability.from, availability.timeZone);
      const close = wallTime(day, availability.to, availability.timeZone);
      for (let t = open.getTime(); t + stepMs <= close.getTime(); t += stepMs) {
        const slotStart = new Date(t);
        const slotEnd = new Date(t + stepMs);
        if (slotStart < input.start || slotStart > input.end || slotStart < input.now) continue;
        if (input.busy.some((b) => b.start < slotEnd && slotStart < b.end)) continue;
        const key = dateKeyInZone(slotStart, input.timeZone);
        (out[key] ??= []).push({ start: isoInZone(slotStart, input.timeZone) });
      }
    }
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    const next = new Date(Date.UTC(y, m - 1, d + 1));
    day = `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
  }
  return out;
}
