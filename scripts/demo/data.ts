/**
 * Invented demo data, generated deterministically so the database seed (and the GHL sandbox,
 * which stands in for the same clinics) always produce the same records.
 */

import { DEMO_AGENCY } from "@/lib/demo-agency";
import { zonedDateKey, zonedWallTime } from "@/lib/time/zoned";

export { DEMO_AGENCY };

export const PLATFORM_ORG = {
  id: "org_platform",
  name: "Sidecar Platform",
  slug: "platform",
} as const;

export const DEMO_CLINICS = [
  {
    id: "loc_austin",
    ghlLocationId: "demo-ghl-austin",
    name: "Glow IV Lounge Austin",
    address: "1100 S Lamar Blvd, Austin, TX 78704",
    phone: "+15125550140",
    timezone: "America/Chicago",
  },
  {
    id: "loc_denver",
    ghlLocationId: "demo-ghl-denver",
    name: "Hydrate Med Spa Denver",
    address: "2400 E Colfax Ave, Denver, CO 80206",
    phone: "+13035550182",
    timezone: "America/Denver",
  },
  {
    id: "loc_miami",
    ghlLocationId: "demo-ghl-miami",
    name: "Revive Drip Bar Miami",
    address: "801 Brickell Ave, Miami, FL 33131",
    phone: "+13055550117",
    timezone: "America/New_York",
  },
] as const;

export type DemoRole = "platform_admin" | "agency_owner" | "agency_admin" | "clinic_staff";

export const DEMO_USERS: ReadonlyArray<{
  id: string;
  name: string;
  email: string;
  organizationId: string;
  role: DemoRole;
  clinicIds?: readonly string[];
}> = [
  { id: "usr_platform_admin", name: "Pat Rivera", email: "pat@sidecar.example", organizationId: PLATFORM_ORG.id, role: "platform_admin" },
  { id: "usr_agency_owner", name: "Dana Brooks", email: "dana@digitaldesk.example", organizationId: DEMO_AGENCY.id, role: "agency_owner" },
  { id: "usr_agency_admin", name: "Alex Chen", email: "alex@digitaldesk.example", organizationId: DEMO_AGENCY.id, role: "agency_admin" },
  { id: "usr_staff_austin", name: "Casey Morgan", email: "casey@glowiv.example", organizationId: DEMO_AGENCY.id, role: "clinic_staff", clinicIds: ["loc_austin"] },
  { id: "usr_staff_denver_miami", name: "Jordan Lee", email: "jordan@hydrate.example", organizationId: DEMO_AGENCY.id, role: "clinic_staff", clinicIds: ["loc_denver", "loc_miami"] },
];

/** mulberry32: a small seeded PRNG, so every run yields the same "random" records. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = ["Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sophia", "Elijah", "Isabella", "Lucas", "Mia", "Levi", "Amelia", "Ezra", "Harper", "Asher", "Evelyn", "James", "Luna", "Leo", "Camila", "Aiden", "Gianna", "Kai", "Aria", "Maya", "Nora", "Omar", "Priya", "Diego"];
const LAST_NAMES = ["Garcia", "Smith", "Johnson", "Nguyen", "Patel", "Martinez", "Brown", "Davis", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott"];
const TAGS = ["vip", "membership", "hydration", "nad+", "myers-cocktail", "first-visit", "referral", "hangover-relief", "immunity", "athlete"];
const SOURCES = ["website form", "instagram", "walk-in", "referral", "google ads", "facebook"];
export const DEMO_SERVICES = ["Myers' Cocktail", "NAD+ Therapy", "Hydration Boost", "Immunity Drip", "Recovery IV", "Vitamin B12 Shot", "Glutathione Push"];
const STATUSES = ["confirmed", "confirmed", "confirmed", "new", "showed", "showed", "noshow", "cancelled"] as const;

export interface DemoContact {
  id: string;
  ghlContactId: string;
  locationId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  tags: string[];
  source: string;
  dateAdded: Date;
}

export interface DemoAppointment {
  id: string;
  externalId: string;
  locationId: string;
  contactId: string;
  title: string;
  status: (typeof STATUSES)[number];
  startTime: Date;
  endTime: Date;
  /** When the patient booked it (GHL's dateAdded): 1–21 days ahead, never after now. */
  bookedAt: Date;
}

/** A booking 1–21 days before the start (a fixed function of the index, so the random sequence stays the same), never in the future. */
function bookedBefore(start: Date, i: number, now: Date): Date {
  const at = start.getTime() - (((i * 7919) % 21) + 1) * 86_400_000;
  return new Date(Math.min(at, now.getTime() - 3_600_000));
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Contacts for one clinic, ids stable across runs. */
export function demoContacts(clinicIndex: number, count: number, now: Date): DemoContact[] {
  const clinic = DEMO_CLINICS[clinicIndex];
  if (!clinic) throw new Error(`no demo clinic ${clinicIndex}`);
  const random = seededRandom(1000 + clinicIndex);
  const areaCode = clinic.phone.slice(2, 5);
  return Array.from({ length: count }, (_, i) => {
    const firstName = pick(random, FIRST_NAMES);
    const lastName = pick(random, LAST_NAMES);
    const n = String(i + 1).padStart(4, "0");
    const tagCount = Math.floor(random() * 3);
    const tags = [...new Set(Array.from({ length: tagCount }, () => pick(random, TAGS)))];
    const daysAgo = Math.floor(random() * 180);
    return {
      id: `con_${clinic.id.slice(4)}_${n}`,
      ghlContactId: `demo-contact-${clinic.id.slice(4)}-${n}`,
      locationId: clinic.id,
      firstName,
      lastName,
      email: `${firstName}.${lastName}.${n}@example.com`.toLowerCase(),
      phone: `+1${areaCode}555${String(1000 + ((i * 37) % 9000)).padStart(4, "0")}`,
      tags,
      source: pick(random, SOURCES),
      dateAdded: new Date(now.getTime() - daysAgo * 86_400_000 - Math.floor(random() * 86_400_000)),
    };
  });
}

/** Per clinic, the visits booked for tomorrow and not yet confirmed (the queue's calls to make). */
export const DEMO_UNCONFIRMED_SOON = 2;

/** Appointments between 30 days back and 30 days ahead, in clinic opening hours (9:00–18:00 local, approximated in UTC offsets). */
export function demoAppointments(clinicIndex: number, contacts: DemoContact[], count: number, now: Date): DemoAppointment[] {
  const clinic = DEMO_CLINICS[clinicIndex];
  if (!clinic) throw new Error(`no demo clinic ${clinicIndex}`);
  const random = seededRandom(2000 + clinicIndex);
  const utcOffsetHours = { "America/Chicago": 6, "America/Denver": 7, "America/New_York": 5 }[clinic.timezone];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, i) => {
    const contact = pick(random, contacts);
    const dayOffset = Math.floor(random() * 61) - 30;
    const localHour = 9 + Math.floor(random() * 9);
    const minute = random() < 0.5 ? 0 : 30;
    const start = new Date(today + dayOffset * 86_400_000 + (localHour + utcOffsetHours) * 3_600_000 + minute * 60_000);
    const inFuture = start.getTime() > now.getTime();
    let status = pick(random, STATUSES);
    if (inFuture && (status === "showed" || status === "noshow")) status = "confirmed";
    if (!inFuture && status === "new") status = "showed";
    const n = String(i + 1).padStart(4, "0");
    const endTime = new Date(start.getTime() + (random() < 0.7 ? 60 : 45) * 60_000);
    if (i < DEMO_UNCONFIRMED_SOON) {
      // The clinic's first visits: high-value drips tomorrow on the clinic's clock at 11:00 and
      // 13:00 (within 48 hours whatever the hour now), still unconfirmed, so the queue has calls
      // to make from the first minute. Tomorrow is the clinic's, not UTC's: a browser test that
      // starts after midnight UTC (the clinic's evening) still finds them on the day it expects.
      const tomorrow = new Date(Date.parse(`${zonedDateKey(now, clinic.timezone)}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      const soon = zonedWallTime(clinic.timezone, tomorrow, `${11 + 2 * i}:00`);
      return { id: `apt_${clinic.id.slice(4)}_${n}`, externalId: `demo-appt-${clinic.id.slice(4)}-${n}`, locationId: clinic.id, contactId: contact.id, title: i === 0 ? "NAD+ Therapy" : "Myers' Cocktail", status: "new", startTime: soon, endTime: new Date(soon.getTime() + 60 * 60_000), bookedAt: new Date(now.getTime() - (30 + 5 * i) * 86_400_000) };
    }
    return {
      id: `apt_${clinic.id.slice(4)}_${n}`,
      externalId: `demo-appt-${clinic.id.slice(4)}-${n}`,
      locationId: clinic.id,
      contactId: contact.id,
      title: pick(random, DEMO_SERVICES),
      status,
      startTime: start,
      endTime,
      bookedAt: bookedBefore(start, i, now),
    };
  });
}
