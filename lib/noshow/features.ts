/**
 * Feature extraction for the no-show model. Pure: it sees a list of appointments and answers,
 * for one appointment and an "as of" instant, what was knowable then — nothing later.
 *
 * No leakage of the outcome:
 * - the contact's history counts only other appointments that STARTED before the as-of instant
 *   (a visit's outcome is known once it has happened), and cancellations made before it;
 * - the appointment's own status is never a feature: for a past appointment it holds the outcome
 *   (showed / noshow), which overwrote "confirmed". Whether it was confirmed comes from the
 *   snapshot stored when it was last scored (AppointmentRisk.features); without one it is
 *   "unknown", a feature of its own;
 * - the base rate that smooths a new contact's no-show rate comes from the training rows only.
 *
 * Local time (weekday, hour, same-day booking) is the clinic's time zone.
 */

export type Outcome = "showed" | "noshow";

export interface HistoryAppointment {
  id: string;
  contactId: string | null;
  locationId: string;
  calendarId: string | null;
  /** new | confirmed | cancelled | showed | noshow | invalid */
  status: string;
  startTime: Date;
  /** When it was booked (GHL dateAdded); falls back to when Sidecar first saw it. */
  bookedAt: Date;
  /** The last change in the provider: for a cancelled appointment, about when it was cancelled. */
  changedAt: Date;
  /** The confirmation state stored with its last score, if it was ever scored. */
  confirmedSnapshot: boolean | null;
}

/** The clinic time zone of each location. */
export type ZoneOf = (locationId: string) => string;

export const LATE_CANCEL_MS = 24 * 3_600_000;
/** How many recent visits "recent no-shows" looks at. */
export const RECENT_VISITS = 6;
/** Pseudo-visits of the base rate that smooth a contact's no-show rate (a new contact gets the base rate). */
export const RATE_PRIOR_WEIGHT = 2;
const DAY_MS = 86_400_000;

export interface RawFeatures {
  /** Visits (showed or no-show) before the as-of instant. */
  priorVisits: number;
  priorNoShows: number;
  /** No-shows among the last RECENT_VISITS visits. */
  recentNoShows: number;
  recentVisits: number;
  /** Cancelled less than 24 h before the start, before the as-of instant. */
  lateCancels: number;
  /** (no-shows + k·base) / (visits + k). */
  noShowRate: number;
  /** Never showed up before (no contact at all counts as a first visit). */
  firstVisit: boolean;
  leadDays: number;
  sameDay: boolean;
  /** 0 = Monday … 6 = Sunday, in the clinic's time zone. */
  weekday: number;
  /** 0..23 in the clinic's time zone. */
  hour: number;
  confirmed: boolean | null;
  calendarId: string | null;
  /** Days since the last visit that happened (showed); null on a first visit. */
  daysSinceLastVisit: number | null;
}

const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: timezone, weekday: "short", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" });
    formatters.set(timezone, f);
  }
  return f;
}

type LocalParts = { weekday: number; hour: number; dateKey: string };
// Every zone's offset is a multiple of 15 minutes, so the local weekday, hour and date are the
// same for every instant of a UTC quarter hour: formatting is cached per zone and quarter hour.
const QUARTER_HOUR_MS = 900_000;
const partsCache = new Map<string, LocalParts>();

/** Weekday (Monday 0), hour and date key of an instant in a time zone. */
export function localParts(at: Date, timezone: string): LocalParts {
  const quarter = Math.floor(at.getTime() / QUARTER_HOUR_MS);
  const key = `${timezone}|${quarter}`;
  const cached = partsCache.get(key);
  if (cached) return { ...cached };
  const parts: Record<string, string> = {};
  for (const p of formatter(timezone).formatToParts(new Date(quarter * QUARTER_HOUR_MS))) parts[p.type] = p.value;
  const out = { weekday: WEEKDAYS[parts.weekday!] ?? 0, hour: Number(parts.hour) % 24, dateKey: `${parts.year}-${parts.month}-${parts.day}` };
  if (partsCache.size > 500_000) partsCache.clear();
  partsCache.set(key, out);
  return { ...out };
}

/** The contact's appointments, oldest first, for history lookups. */
export function indexByContact(appointments: readonly HistoryAppointment[]): Map<string, HistoryAppointment[]> {
  const byContact = new Map<string, HistoryAppointment[]>();
  for (const a of appointments) {
    if (!a.contactId) continue;
    const list = byContact.get(a.contactId);
    if (list) list.push(a);
    else byContact.set(a.contactId, [a]);
  }
  for (const list of byContact.values()) list.sort((x, y) => x.startTime.getTime() - y.startTime.getTime());
  return byContact;
}

/**
 * When a past appointment is scored for training: a day before it starts (the nightly run's last
 * score), or when it was booked if that was later. Upcoming appointments are scored as of now.
 */
export function trainingAsOf(a: Pick<HistoryAppointment, "startTime" | "bookedAt">): Date {
  const dayBefore = a.startTime.getTime() - DAY_MS;
  return new Date(Math.min(a.startTime.getTime(), Math.max(dayBefore, a.bookedAt.getTime())));
}

export function extractFeatures(
  a: HistoryAppointment,
  asOf: Date,
  history: ReadonlyMap<string, readonly HistoryAppointment[]>,
  zoneOf: ZoneOf,
  baseRate: number,
  options: { confirmedNow?: boolean } = {},
): RawFeatures {
  const t = asOf.getTime();
  let priorVisits = 0;
  let priorNoShows = 0;
  let lateCancels = 0;
  let lastShowed: number | null = null;
  const visits: Outcome[] = [];
  for (const h of (a.contactId && history.get(a.contactId)) || []) {
    const start = h.startTime.getTime();
    if (start >= t) break; // sorted by start: nothing after this is known yet
    if (h.id === a.id) continue;
    if (h.status === "showed" || h.status === "noshow") {
      priorVisits += 1;
      visits.push(h.status);
      if (h.status === "noshow") priorNoShows += 1;
      else lastShowed = start;
    } else if (h.status === "cancelled" && h.changedAt.getTime() < t && start - h.changedAt.getTime() < LATE_CANCEL_MS) {
      lateCancels += 1;
    }
  }
  const recent = visits.slice(-RECENT_VISITS);
  const zone = zoneOf(a.locationId);
  const local = localParts(a.startTime, zone);
  const bookedLocal = localParts(a.bookedAt, zone);
  return {
    priorVisits,
    priorNoShows,
    recentNoShows: recent.filter((v) => v === "noshow").length,
    recentVisits: recent.length,
    lateCancels,
    noShowRate: (priorNoShows + RATE_PRIOR_WEIGHT * baseRate) / (priorVisits + RATE_PRIOR_WEIGHT),
    firstVisit: lastShowed === null,
    leadDays: Math.max(0, (a.startTime.getTime() - a.bookedAt.getTime()) / DAY_MS),
    sameDay: bookedLocal.dateKey === local.dateKey,
    weekday: local.weekday,
    hour: local.hour,
    confirmed: options.confirmedNow ?? a.confirmedSnapshot,
    calendarId: a.calendarId,
    daysSinceLastVisit: lastShowed === null ? null : Math.max(0, (t - lastShowed) / DAY_MS),
  };
}
