import type { Prisma } from "@/lib/generated/prisma/client";
import { DEMO_AGENCY, DEMO_CLINICS, demoAppointments, demoContacts } from "@/scripts/demo/data";

/**
 * The demo agency's Miami clinic also books through Cal.com: two event types, a couple of
 * weeks of bookings (one moved, one waiting for the patient to pick a new time, one on top of
 * a GoHighLevel appointment so the double-booking badge shows). Deterministic from the seed's
 * "now", so the Cal.com sandbox under `npm run dev` holds the very same bookings.
 */

const MIAMI_INDEX = DEMO_CLINICS.findIndex((c) => c.id === "loc_miami");
const MIAMI = DEMO_CLINICS[MIAMI_INDEX]!;
/** Must match scripts/demo/seed.ts's per-clinic counts, so the same contacts and GHL appointments come out. */
const CONTACTS = 120;
const APPOINTMENTS = 150;

export const DEMO_CALCOM = {
  /** A key of the local sandbox only; it opens nothing anywhere else. */
  apiKey: "cal_live_sidecar_demo_revive_miami",
  email: "bookings@revivedrip.example",
  username: "revive-drip-bar",
  timeZone: MIAMI.timezone,
  locationId: MIAMI.id,
  eventTypes: [
    { id: 91001, title: "Myers' Cocktail", slug: "myers-cocktail", lengthInMinutes: 45, ghlCalendarId: `demo-calendar-${MIAMI.id.slice(4)}` },
    { id: 91002, title: "NAD+ Consultation", slug: "nad-consultation", lengthInMinutes: 30, ghlCalendarId: null },
  ],
} as const;

export interface DemoCalcomBooking {
  id: string;
  uid: string;
  previousUids: string[];
  eventTypeId: number;
  title: string;
  start: Date;
  end: Date;
  status: "confirmed" | "cancelled" | "new";
  rescheduleRequested: boolean;
  contactId: string;
  attendee: { name: string; email: string };
}

const OFFSET_HOURS = 5; // America/New_York in winter; the demo only needs plausible local hours.

export function demoCalcomBookings(now: Date): DemoCalcomBooking[] {
  const contacts = demoContacts(MIAMI_INDEX, CONTACTS, now).filter((c) => c.email);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const plan: Array<{ day: number; hour: number; minute: number; type: 0 | 1; status?: DemoCalcomBooking["status"]; moved?: boolean; requested?: boolean }> = [
    { day: -6, hour: 10, minute: 0, type: 0 },
    { day: -3, hour: 15, minute: 30, type: 1 },
    { day: -1, hour: 11, minute: 0, type: 0, moved: true },
    { day: 0, hour: 16, minute: 0, type: 1 },
    { day: 1, hour: 9, minute: 30, type: 0 },
    { day: 2, hour: 13, minute: 0, type: 0, requested: true },
    { day: 3, hour: 10, minute: 30, type: 1, status: "new" },
    { day: 4, hour: 14, minute: 0, type: 0, status: "cancelled" },
    { day: 6, hour: 12, minute: 0, type: 0 },
    { day: 9, hour: 17, minute: 0, type: 1 },
  ];
  const bookings = plan.map((p, i): DemoCalcomBooking => {
    const type = DEMO_CALCOM.eventTypes[p.type];
    const contact = contacts[(i * 7) % contacts.length]!;
    const start = new Date(today + p.day * 86_400_000 + (p.hour + OFFSET_HOURS) * 3_600_000 + p.minute * 60_000);
    const n = String(i + 1).padStart(2, "0");
    return {
      id: `apt_calcom_miami_${n}`,
      uid: `demo-cal-miami-${n}${p.moved ? "-r1" : ""}`,
      previousUids: p.moved ? [`demo-cal-miami-${n}`] : [],
      eventTypeId: type.id,
      title: `${type.title} between ${contact.firstName} ${contact.lastName} and Revive Drip Bar`,
      start,
      end: new Date(start.getTime() + type.lengthInMinutes * 60_000),
      status: p.status ?? "confirmed",
      rescheduleRequested: Boolean(p.requested),
      contactId: contact.id,
      attendee: { name: `${contact.firstName} ${contact.lastName}`, email: contact.email! },
    };
  });
  // One Cal.com booking on the chairs of an upcoming GHL appointment: the double booking to resolve.
  const ghl = demoAppointments(MIAMI_INDEX, demoContacts(MIAMI_INDEX, CONTACTS, now), APPOINTMENTS, now)
    .filter((a) => a.startTime.getTime() > now.getTime() + 86_400_000 && a.status !== "cancelled")
    .sort((a, b) => a.startTime.getTime() - b.startTime.getTime())[0];
  if (ghl) {
    const type = DEMO_CALCOM.eventTypes[0];
    const contact = contacts[3]!;
    bookings.push({
      id: "apt_calcom_miami_overlap",
      uid: "demo-cal-miami-overlap",
      previousUids: [],
      eventTypeId: type.id,
      title: `${type.title} between ${contact.firstName} ${contact.lastName} and Revive Drip Bar`,
      start: ghl.startTime,
      end: new Date(ghl.startTime.getTime() + type.lengthInMinutes * 60_000),
      status: "confirmed",
      rescheduleRequested: false,
      contactId: contact.id,
      attendee: { name: `${contact.firstName} ${contact.lastName}`, email: contact.email! },
    });
  }
  return bookings;
}

/** The Cal.com appointments of the demo, inserted beside GHL's (idempotent, like the rest of the seed). */
export async function seedDemoCalcom(tx: Prisma.TransactionClient, now: Date): Promise<number> {
  const bookings = demoCalcomBookings(now);
  const result = await tx.appointment.createMany({
    data: bookings.map((b) => ({
      id: b.id,
      organizationId: DEMO_AGENCY.id,
      locationId: DEMO_CALCOM.locationId,
      provider: "calcom" as const,
      externalId: b.uid,
      previousExternalIds: b.previousUids,
      calcomEventTypeId: b.eventTypeId,
      calendarId: DEMO_CALCOM.eventTypes.find((t) => t.id === b.eventTypeId)!.ghlCalendarId,
      contactId: b.contactId,
      title: DEMO_CALCOM.eventTypes.find((t) => t.id === b.eventTypeId)!.title,
      status: b.status === "confirmed" && b.start < now ? "showed" : b.status,
      startTime: b.start,
      endTime: b.end,
      rescheduleRequestedAt: b.rescheduleRequested ? now : null,
      externalUpdatedAt: now,
    })),
    skipDuplicates: true,
  });
  return result.count;
}
