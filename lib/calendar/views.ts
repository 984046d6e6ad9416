/**
 * The calendar's URL state (view, date, clinic) and the calendar-date arithmetic behind it.
 * Dates here are local calendar dates ("YYYY-MM-DD") with no time zone: each clinic turns
 * them into instants in its own zone when its appointments are read (lib/calendar/queries).
 */

export const CALENDAR_VIEWS = ["day", "week", "month"] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

export interface CalendarState {
  view: CalendarView;
  /** The day the period is built around. */
  date: string;
  /** One clinic, or null for every clinic the member can see. */
  clinicId: string | null;
}

const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function toUtc(dateKey: string): Date {
  return new Date(`${dateKey}T00:00:00Z`);
}

function toKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The years a calendar date may fall in: year 0 or 9999 is a mistyped link, and Postgres has no year 0. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

/** A real calendar date: "2025-13-45" has the shape but no day (and would throw in toKey). */
export function isDateKey(value: unknown): value is string {
  if (typeof value !== "string" || !DATE_KEY.test(value)) return false;
  const year = Number(value.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) return false;
  const date = toUtc(value);
  return !Number.isNaN(date.getTime()) && toKey(date) === value;
}

export function addDays(dateKey: string, days: number): string {
  return toKey(new Date(toUtc(dateKey).getTime() + days * DAY_MS));
}

export function addMonths(dateKey: string, months: number): string {
  const date = toUtc(dateKey);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  // Jan 31 + 1 month is the last day of February, not March 3.
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return toKey(target);
}

/** 0 = Monday … 6 = Sunday: weeks start on Monday, as in lib/time/zoned. */
export function weekdayIndex(dateKey: string): number {
  return (toUtc(dateKey).getUTCDay() + 6) % 7;
}

export function startOfWeekKey(dateKey: string): string {
  return addDays(dateKey, -weekdayIndex(dateKey));
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the URL; anything unreadable falls back to the week of `today` across all clinics. */
export function parseCalendarState(params: Record<string, string | string[] | undefined>, today: string): CalendarState {
  const view = first(params.view);
  const date = first(params.date);
  const clinic = first(params.clinic)?.trim();
  return {
    view: (CALENDAR_VIEWS as readonly string[]).includes(view ?? "") ? (view as CalendarView) : "week",
    date: isDateKey(date) ? date : today,
    clinicId: clinic ? clinic.slice(0, 64) : null,
  };
}

/**
 * The days a view shows: one day; Monday to Sunday; or whole weeks covering the month, so the
 * month grid has no ragged edges.
 */
export function periodDays(state: Pick<CalendarState, "view" | "date">): string[] {
  if (state.view === "day") return [state.date];
  if (state.view === "week") return Array.from({ length: 7 }, (_, i) => addDays(startOfWeekKey(state.date), i));
  const monthStart = `${state.date.slice(0, 8)}01`;
  const gridStart = startOfWeekKey(monthStart);
  const monthEnd = addDays(addMonths(monthStart, 1), -1);
  const gridEnd = addDays(startOfWeekKey(monthEnd), 6);
  const count = Math.round((toUtc(gridEnd).getTime() - toUtc(gridStart).getTime()) / DAY_MS) + 1;
  return Array.from({ length: count }, (_, i) => addDays(gridStart, i));
}

/** The same view one period earlier (-1) or later (+1). */
export function shiftDate(state: Pick<CalendarState, "view" | "date">, direction: -1 | 1): string {
  if (state.view === "day") return addDays(state.date, direction);
  if (state.view === "week") return addDays(state.date, 7 * direction);
  return addMonths(state.date, direction);
}

export function calendarQuery(state: CalendarState): string {
  const query = new URLSearchParams({ view: state.view, date: state.date });
  if (state.clinicId) query.set("clinic", state.clinicId);
  return query.toString();
}

const LABEL_ZONE = { timeZone: "UTC" } as const;

export function formatDateKey(dateKey: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat("en-US", { ...options, ...LABEL_ZONE }).format(toUtc(dateKey));
}

/** "Monday, November 23, 2026", "Nov 23 – 29, 2026" or "November 2026". */
export function periodLabel(state: Pick<CalendarState, "view" | "date">): string {
  if (state.view === "day") return formatDateKey(state.date, { weekday: "long", month: "long", day: "numeric", year: "numeric" });
  if (state.view === "month") return formatDateKey(state.date, { month: "long", year: "numeric" });
  const days = periodDays(state);
  const from = days[0]!;
  const to = days[6]!;
  const range = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", ...LABEL_ZONE });
  return range.formatRange(toUtc(from), toUtc(to));
}
