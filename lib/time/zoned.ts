import { TZDate } from "@date-fns/tz";
import { addDays, startOfDay, startOfWeek } from "date-fns";

/** [start, end) in UTC of the calendar day that contains `at` in `timezone`. */
export function zonedDayRange(timezone: string, at: Date = new Date(), days = 1): { start: Date; end: Date } {
  const start = startOfDay(new TZDate(at.getTime(), timezone));
  return { start: new Date(start.getTime()), end: new Date(addDays(start, days).getTime()) };
}

/** [start, end) in UTC of the week (Monday first) that contains `at` in `timezone`. */
export function zonedWeekRange(timezone: string, at: Date = new Date()): { start: Date; end: Date } {
  const start = startOfWeek(new TZDate(at.getTime(), timezone), { weekStartsOn: 1 });
  return { start: new Date(start.getTime()), end: new Date(addDays(start, 7).getTime()) };
}

export function formatInZone(date: Date, timezone: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: timezone, ...options }).format(date);
}
