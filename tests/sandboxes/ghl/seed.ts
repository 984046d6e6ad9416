import { seededRandom } from "@/scripts/demo/data";
import { ghlId, hashSeed } from "./ids";
import type { GhlStore } from "./store";
import { addDays, localDate, wallTimeToEpoch } from "./time";
import type { Appointment, AppointmentStatus, Calendar, Contact, Location, User } from "./types";

const DAY_MS = 86_400_000;
const FIRST_NAMES = ["Ava", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Iris", "Jon", "Kira", "Leo", "Maya", "Nico", "Olga", "Pia", "Quinn", "Rosa", "Sam", "Tara"];
const LAST_NAMES = ["Abbott", "Baker", "Castro", "Dunn", "Ellis", "Flores", "Gupta", "Hayes", "Ito", "Jensen", "Khan", "Lopez", "Meyer", "Novak", "Ortiz", "Price", "Reyes", "Stone", "Tran", "Weber"];
const TAGS = ["vip", "membership", "hydration", "first-visit", "referral", "athlete", "lapsed"];
const SOURCES = ["website form", "instagram", "walk-in", "referral", "google ads"];

export type Instant = Date | number | string;

export type SeedContact = Partial<Omit<Contact, "locationId" | "dateAdded" | "dateUpdated">> & { dateAdded?: Instant; dateUpdated?: Instant };
export type SeedCalendar = Partial<Omit<Calendar, "locationId">>;
export type SeedAppointment = Partial<Omit<Appointment, "locationId" | "startTime" | "endTime" | "dateAdded" | "dateUpdated">> & {
  startTime: Instant;
  endTime?: Instant;
  dateAdded?: Instant;
  dateUpdated?: Instant;
};

export interface SeedLocationInput extends Partial<Omit<Location, "id" | "companyId" | "installedAt" | "dateAdded">> {
  id: string;
  /** Defaults to the sandbox's company. */
  companyId?: string;
  /** Whether the app counts as installed here (default true). */
  installed?: boolean;
  /** A number generates that many deterministic contacts; records are inserted as given. */
  contacts?: number | SeedContact[];
  /** Defaults to one calendar when appointments are generated. */
  calendars?: number | SeedCalendar[];
  appointments?: number | SeedAppointment[];
  users?: number | Array<Partial<User>>;
  /** Mixed into the generator seed; the same input always yields the same records. */
  randomSeed?: number;
  /** "Now" for generated dates (default the sandbox clock). */
  now?: Instant;
  /** How far back generated contacts were added (default 365 days). */
  historyDays?: number;
}

export interface SeededLocation {
  location: Location;
  contactIds: string[];
  calendarIds: string[];
  appointmentIds: string[];
  userIds: string[];
}

export function toMs(value: Instant): number {
  return value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value);
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/**
 * Generated contacts' dates mimic a real account: dateAdded spread over the history window,
 * dateUpdated somewhere after it, and bulk imports where hundreds of contacts share one
 * timestamp to the millisecond. Those ties straddle page boundaries, so a client whose cursor
 * ignores the id tie-breaker loses or repeats contacts here.
 */
function generateContacts(store: GhlStore, location: Location, count: number, random: () => number, now: number, historyMs: number): string[] {
  const ids: string[] = [];
  const areaCode = 200 + Math.floor(random() * 700);
  let batchLeft = 0;
  let batchAt = 0;
  for (let i = 0; i < count; i++) {
    if (batchLeft === 0 && random() < 0.0002) {
      batchLeft = 100 + Math.floor(random() * 900);
      batchAt = now - Math.floor(random() * historyMs);
    }
    let dateAdded: number;
    let dateUpdated: number;
    if (batchLeft > 0) {
      batchLeft -= 1;
      dateAdded = batchAt;
      dateUpdated = batchAt;
    } else {
      dateAdded = now - Math.floor(random() * historyMs);
      dateUpdated = random() < 0.5 ? dateAdded : dateAdded + Math.floor(random() * (now - dateAdded));
    }
    let id = ghlId(random);
    while (store.getContact(id)) id = ghlId(random);
    const firstName = pick(random, FIRST_NAMES);
    const lastName = pick(random, LAST_NAMES);
    const tagCount = Math.floor(random() * 3);
    const contact: Contact = {
      id,
      locationId: location.id,
      firstName,
      lastName,
      email: `${firstName}.${lastName}.${i + 1}@example.com`.toLowerCase(),
      phone: `+1${areaCode}${2_000_000 + i}`,
      tags: tagCount === 0 ? [] : [...new Set(Array.from({ length: tagCount }, () => pick(random, TAGS)))],
      customFields: [],
      source: pick(random, SOURCES),
      dateAdded,
      dateUpdated,
      dnd: random() < 0.02,
      type: "lead",
    };
    store.insertContact(contact);
    ids.push(id);
  }
  return ids;
}

function generateAppointments(store: GhlStore, location: Location, calendars: Calendar[], contactIds: string[], count: number, random: () => number, now: number): string[] {
  if (count > 0 && (calendars.length === 0 || contactIds.length === 0)) {
    throw new Error("GHL sandbox: generated appointments need at least one calendar and one contact");
  }
  const ids: string[] = [];
  const today = localDate(now, location.timezone);
  for (let i = 0; i < count; i++) {
    const calendar = calendars[i % calendars.length] as Calendar;
    const hours = calendar.openHours[0]?.hours[0] ?? { openHour: 9, openMinute: 0, closeHour: 17, closeMinute: 0 };
    const day = addDays(today, Math.floor(random() * 61) - 30);
    const openSlots = Math.max(1, Math.floor(((hours.closeHour - hours.openHour) * 60 - calendar.slotDuration) / calendar.slotInterval) + 1);
    const minute = hours.openHour * 60 + hours.openMinute + Math.floor(random() * openSlots) * calendar.slotInterval;
    const startTime = wallTimeToEpoch(location.timezone, day, Math.floor(minute / 60), minute % 60);
    const isPast = startTime < now;
    const status: AppointmentStatus = isPast ? pick(random, ["showed", "showed", "noshow", "cancelled", "confirmed"] as const) : pick(random, ["new", "confirmed", "confirmed", "cancelled"] as const);
    const dateAdded = Math.min(startTime, now) - Math.floor(random() * 14 * DAY_MS);
    const appointment = store.createAppointment(
      {
        locationId: location.id,
        calendarId: calendar.id,
        contactId: pick(random, contactIds),
        title: calendar.name,
        appointmentStatus: status,
        startTime,
        endTime: startTime + calendar.slotDuration * 60_000,
        source: "booking_widget",
      },
      { id: ghlId(random), dateAdded, dateUpdated: isPast ? Math.min(now, startTime + calendar.slotDuration * 60_000) : dateAdded },
    );
    ids.push(appointment.id);
  }
  return ids;
}

export function seedLocation(store: GhlStore, defaults: { companyId: string; now: () => number }, input: SeedLocationInput): SeededLocation {
  const { contacts, calendars, appointments, users, randomSeed = 0, now: nowInput, historyDays = 365, installed = true, companyId, ...fields } = input;
  const now = nowInput === undefined ? defaults.now() : toMs(nowInput);
  const random = seededRandom(hashSeed(input.id) ^ randomSeed);
  const location = store.addLocation({ ...fields, companyId: companyId ?? defaults.companyId, dateAdded: now - historyDays * DAY_MS });
  if (installed) store.markInstalled(location.id);

  const contactIds =
    typeof contacts === "number"
      ? generateContacts(store, location, contacts, random, now, historyDays * DAY_MS)
      : (contacts ?? []).map(({ dateAdded, dateUpdated, ...contact }) => {
          const added = dateAdded === undefined ? now : toMs(dateAdded);
          return store.createContact(location.id, contact, { id: contact.id, dateAdded: added, dateUpdated: dateUpdated === undefined ? added : toMs(dateUpdated) }).id;
        });

  const calendarInput = calendars ?? (appointments ? 1 : 0);
  const calendarRecords =
    typeof calendarInput === "number"
      ? Array.from({ length: calendarInput }, (_, i) => store.addCalendar({ id: ghlId(random), locationId: location.id, name: `Treatment room ${i + 1}` }))
      : calendarInput.map((calendar) => store.addCalendar({ ...calendar, locationId: location.id }));

  const appointmentIds =
    typeof appointments === "number"
      ? generateAppointments(store, location, calendarRecords, contactIds, appointments, random, now)
      : (appointments ?? []).map(({ startTime, endTime, dateAdded, dateUpdated, id, ...appointment }) => {
          const calendar = calendarRecords.find((candidate) => candidate.id === appointment.calendarId) ?? calendarRecords[0];
          if (!calendar) throw new Error("GHL sandbox: seeded appointments need a calendar");
          const start = toMs(startTime);
          const added = dateAdded === undefined ? now : toMs(dateAdded);
          return store.createAppointment(
            {
              ...appointment,
              appointmentStatus: appointment.appointmentStatus ?? "confirmed",
              contactId: appointment.contactId ?? contactIds[0] ?? "",
              locationId: location.id,
              calendarId: calendar.id,
              startTime: start,
              endTime: endTime === undefined ? start + calendar.slotDuration * 60_000 : toMs(endTime),
            },
            { id, dateAdded: added, dateUpdated: dateUpdated === undefined ? added : toMs(dateUpdated) },
          ).id;
        });

  const userIds = (typeof users === "number" ? Array.from({ length: users }, (): Partial<User> => ({})) : (users ?? [])).map(
    (user, i) =>
      store.addUser({
        id: ghlId(random),
        firstName: pick(random, FIRST_NAMES),
        lastName: pick(random, LAST_NAMES),
        ...user,
        email: user.email ?? `staff${i + 1}.${location.id.toLowerCase()}@example.com`,
        companyId: location.companyId,
        locationIds: user.locationIds ?? [location.id],
      }).id,
  );

  return { location, contactIds, calendarIds: calendarRecords.map((calendar) => calendar.id), appointmentIds, userIds };
}
