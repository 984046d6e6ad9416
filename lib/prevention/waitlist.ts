import { z } from "zod";
import { HHMM, minutesOf } from "@/lib/prevention/policy";
import { zonedDateKey, zonedTimeKey } from "@/lib/time/zoned";

/** Waitlist rules: what an entry may say, and which entries a freed slot is offered to, in what order. */

export const MAX_OFFERS_PER_SLOT = 3;
/** Short day names by JavaScript's day number (0 = Sunday), as the waitlist stores preferred days. */
export const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
/** A slot starting sooner than this is not offered: nobody could get there. */
export const MIN_OFFER_LEAD_MS = 60 * 60_000;
/** Openings further ahead than this are left to normal booking. */
export const MAX_OFFER_AHEAD_MS = 30 * 86_400_000;

const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

export const ZWaitlistInput = z
  .object({
    locationId: z.string().min(1).max(64),
    contactId: z.string().min(1).max(64),
    ghlCalendarId: z.string().min(1).max(64),
    preferredDays: z.array(z.coerce.number().int().min(0).max(6)).max(7).default([]),
    preferredFrom: z.string().regex(HHMM, "Use a 24-hour time like 09:00."),
    preferredTo: z.string().regex(/^(([01]\d|2[0-3]):([0-5]\d)|24:00)$/, "Use a 24-hour time like 17:00."),
    expiresOn: z.string().regex(DATE_KEY, "Pick a date."),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine((input, ctx) => {
    const toValid = input.preferredTo === "24:00" || HHMM.test(input.preferredTo);
    const to = input.preferredTo === "24:00" ? 1440 : toValid ? minutesOf(input.preferredTo) : NaN;
    if (HHMM.test(input.preferredFrom) && toValid && minutesOf(input.preferredFrom) >= to) ctx.addIssue({ code: "custom", path: ["preferredTo"], message: "The latest start must be after the earliest." });
    const date = new Date(`${input.expiresOn}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== input.expiresOn) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "That is not a date." });
  });
export type WaitlistInput = z.output<typeof ZWaitlistInput>;

/** A past expiry is refused against the clinic's own date, not the server's. */
export function isPastDate(dateKey: string, now: Date, timezone: string): boolean {
  return dateKey < zonedDateKey(now, timezone);
}

export interface EntryForMatch {
  id: string;
  contactId: string;
  ghlCalendarId: string;
  preferredDays: number[];
  preferredFromMinute: number;
  preferredToMinute: number;
  /** "YYYY-MM-DD" */
  expiresOn: string;
  status: string;
  createdAt: Date;
}

export interface OpeningForMatch {
  ghlCalendarId: string;
  startTime: Date;
  /** The contact whose appointment freed it: never offered their own slot back. */
  freedByContactId: string | null;
}

export function entryMatches(entry: EntryForMatch, opening: OpeningForMatch, now: Date, timezone: string): boolean {
  if (entry.status !== "active") return false;
  if (entry.ghlCalendarId !== opening.ghlCalendarId) return false;
  if (entry.contactId === opening.freedByContactId) return false;
  if (entry.expiresOn < zonedDateKey(now, timezone)) return false;
  const day = new Date(`${zonedDateKey(opening.startTime, timezone)}T12:00:00Z`).getUTCDay();
  if (entry.preferredDays.length > 0 && !entry.preferredDays.includes(day)) return false;
  const minute = minutesOf(zonedTimeKey(opening.startTime, timezone));
  return minute >= entry.preferredFromMinute && minute < entry.preferredToMinute;
}

/**
 * The next entry to offer the slot to: matching, not offered this slot before, not holding
 * another unanswered offer (their "yes" must name one slot), oldest entry first.
 */
export function nextEntry(
  entries: EntryForMatch[],
  opening: OpeningForMatch,
  offered: { entryIds: Set<string>; count: number },
  busyContactIds: Set<string>,
  now: Date,
  timezone: string,
): EntryForMatch | null {
  if (offered.count >= MAX_OFFERS_PER_SLOT) return null;
  const candidates = entries
    .filter((e) => !offered.entryIds.has(e.id) && !busyContactIds.has(e.contactId) && entryMatches(e, opening, now, timezone))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  return candidates[0] ?? null;
}

/** Whether a freed slot is still worth offering at `now`. */
export function isOfferable(startTime: Date, now: Date): boolean {
  const ahead = startTime.getTime() - now.getTime();
  return ahead >= MIN_OFFER_LEAD_MS && ahead <= MAX_OFFER_AHEAD_MS;
}
