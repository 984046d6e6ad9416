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

/**
 * Intl.DateTimeFormat is costly to construct (tens of microseconds, far more than a format),
 * and the queue's detectors format thousands of dates per run: one formatter per locale, zone
 * and options, reused. The options objects are small literals, so their JSON is a fine key.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    if (formatters.size > 500) formatters.clear();
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

export function formatInZone(date: Date, timezone: string, options: Intl.DateTimeFormatOptions): string {
  return formatter("en-US", { timeZone: timezone, ...options }).format(date);
}

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The local calendar date ("YYYY-MM-DD") of an instant in `timezone`. */
export function zonedDateKey(at: Date, timezone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return formatter("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** The local wall time ("HH:MM", 24-hour) of an instant in `timezone`. */
export function zonedTimeKey(at: Date, timezone: string): string {
  return formatter("en-GB", { timeZone: timezone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
}

/**
 * The instant a clinic's clock shows `time` on `dateKey`. A wall time skipped by a
 * daylight-saving jump (02:30 on a spring-forward night) lands an hour later, as clocks do.
 */
export function zonedWallTime(timezone: string, dateKey: string, time = "00:00"): Date {
  const date = DATE_KEY.exec(dateKey);
  const clock = WALL_TIME.exec(time);
  if (!date || !clock) throw new RangeError(`not a local date and time: ${dateKey} ${time}`);
  const local = new TZDate(Number(date[1]), Number(date[2]) - 1, Number(date[3]), Number(clock[1]), Number(clock[2]), timezone);
  return new Date(local.getTime());
}

/** A short name of the zone at that instant ("CST", "MDT", or "GMT-5" where none exists). */
export function zoneAbbreviation(timezone: string, at: Date = new Date()): string {
  const part = formatter("en-US", { timeZone: timezone, timeZoneName: "short" }).formatToParts(at).find((p) => p.type === "timeZoneName");
  return part?.value ?? timezone;
}
