/**
 * Time-zone arithmetic on top of Intl, enough for GHL's habit of answering with the
 * location's UTC offset (`2023-09-25T16:00:00+05:30`) and for calendar open hours.
 */

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const partFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    offsetFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Minutes east of UTC in `timeZone` at `epochMs` (Asia/Kolkata → 330, America/Chicago → -360 or -300). */
export function offsetMinutes(timeZone: string, epochMs: number): number {
  const name = offsetFormatter(timeZone)
    .formatToParts(epochMs)
    .find((part) => part.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
  if (!match) return 0; // "GMT" alone means UTC
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * ISO 8601 with the zone's offset and no milliseconds, as in GHL's calendar examples. Two
 * writes within one second therefore show the same dateUpdated: a client comparing them must
 * treat "equal" as "not newer".
 */
export function formatWithOffset(epochMs: number, timeZone: string): string {
  const offset = offsetMinutes(timeZone, epochMs);
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + offset * 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

export function localDate(epochMs: number, timeZone: string): LocalDate {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    partFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(epochMs);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day") };
}

export function dateKey(date: LocalDate): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

export function weekday(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** The instant a wall-clock time in `timeZone` denotes (DST gaps resolve forward). */
export function wallTimeToEpoch(timeZone: string, date: LocalDate, hour: number, minute: number): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const first = asUtc - offsetMinutes(timeZone, asUtc) * 60_000;
  // A second pass corrects the guess when the offset differs on either side of a DST change.
  return asUtc - offsetMinutes(timeZone, first) * 60_000;
}

/** Epoch ms from a number, a numeric string (GHL's query params) or an ISO string (bodies, filters). */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string" || value.trim() === "") return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
