import "server-only";
import type { OrgDb } from "@/lib/db";
import { Prisma, type AppointmentStatus } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { parsePhone } from "@/lib/contacts/phone";
import { requireClinic } from "@/lib/clinic/clinics";
import { createGhlContact } from "@/lib/ghl/writes";
import type { CalcomBooking } from "@/lib/calcom/api";

/**
 * One path for every Cal.com booking Sidecar learns of (webhook, nightly list, its own writes):
 * placed at the clinic its event type is mapped to, the patient matched to the clinic's GHL
 * contact by email or phone (or created in GHL, which stays the record of contacts), and an
 * older fact never overwriting a newer one.
 *
 * A reschedule gives the booking a new uid. The appointment row stays the same, moved: its
 * externalId becomes the new uid and the old one joins previousExternalIds, so the calendar
 * shows one appointment that moved rather than a cancellation and a stranger, and whatever
 * hangs off the row (supplies used, notes) stays attached.
 */

export interface BookingFacts {
  uid: string;
  /** The uid this booking replaced (Cal.com's rescheduleUid / rescheduledFromUid). */
  fromUid?: string | null;
  eventTypeId: number | null;
  title: string;
  start: Date;
  end: Date;
  /** accepted | pending | cancelled | rejected */
  status: CalcomBooking["status"];
  /** A cancellation that asks the attendee to pick a new time: not a cancellation. */
  rescheduleRequested?: boolean;
  attendee?: { name: string; email: string; phone?: string | null };
  /** true/false when the fact says; undefined when it is silent about attendance. */
  noShow?: boolean;
  /** Cal.com's time of this fact: the booking's updatedAt, or the webhook's createdAt. */
  at: Date;
  /** When the booking was made (a read of the booking says; the no-show model's lead time). */
  bookedAt?: Date;
}

export type ApplyOutcome = "created" | "updated" | "moved" | "unchanged" | "stale" | "unmapped";

export function factsFromBooking(booking: CalcomBooking): BookingFacts {
  const attendee = booking.attendees[0];
  const absent = booking.attendees.some((a) => a.absent === true);
  return {
    uid: booking.uid,
    fromUid: booking.rescheduledFromUid ?? null,
    eventTypeId: booking.eventType?.id ?? booking.eventTypeId ?? null,
    title: booking.title,
    start: new Date(booking.start),
    end: new Date(booking.end),
    status: booking.status,
    // Cal.com marks both halves of a reschedule `rescheduled`; only a request has no successor.
    rescheduleRequested: booking.status === "cancelled" && booking.rescheduled === true && !booking.rescheduledToUid,
    attendee: attendee ? { name: attendee.name, email: attendee.email, phone: attendee.phoneNumber ?? null } : undefined,
    noShow: booking.attendees.some((a) => a.absent !== undefined) ? absent : undefined,
    at: new Date(booking.updatedAt ?? booking.createdAt),
    bookedAt: new Date(booking.createdAt),
  };
}

/** Statuses the front desk sets in Sidecar; Cal.com knows no check-in, so "accepted" must not undo one. */
const DESK_SET = new Set<AppointmentStatus>(["showed", "noshow"]);

export function nextStatus(current: AppointmentStatus | null, facts: Pick<BookingFacts, "status" | "rescheduleRequested" | "noShow">): AppointmentStatus {
  if (facts.noShow === true) return "noshow";
  if (facts.rescheduleRequested) return current && current !== "cancelled" ? current : "confirmed";
  switch (facts.status) {
    case "cancelled":
      return "cancelled";
    case "rejected":
      return "invalid";
    case "pending":
      return "new";
    case "accepted":
      if (facts.noShow === false && current === "noshow") return "confirmed";
      return current && DESK_SET.has(current) ? current : "confirmed";
  }
}

function splitName(name: string): { firstName: string | null; lastName: string | null } {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { firstName: null, lastName: null };
  return { firstName: parts[0]!, lastName: parts.slice(1).join(" ") || null };
}

/**
 * The clinic's GHL contact for an attendee: by email (any case), then by phone; else created in
 * GHL. When GHL cannot be reached the appointment is stored without a patient rather than lost.
 */
export async function matchContact(db: OrgDb, locationId: string, attendee: NonNullable<BookingFacts["attendee"]>): Promise<string | null> {
  const email = attendee.email.trim();
  const phone = attendee.phone ? (parsePhone(attendee.phone)?.number ?? null) : null;
  const or = [...(email ? [{ email: { equals: email, mode: "insensitive" as const } }] : []), ...(phone ? [{ phone }] : [])];
  if (or.length) {
    const found = await db.contact.findFirst({ where: { locationId, deletedAt: null, OR: or }, orderBy: { dateAdded: "asc" }, select: { id: true } });
    if (found) return found.id;
  }
  try {
    // Read only when a contact has to be created: most attendees match one already synced.
    const clinic = await requireClinic({ db, clinicIds: null }, locationId);
    const created = await createGhlContact(db, clinic, { ...splitName(attendee.name), email: email || null, phone, source: "Cal.com" });
    return created.id;
  } catch (err) {
    log.warn({ err, locationId }, "Cal.com attendee could not be created in GHL; appointment stored without a patient");
    return null;
  }
}

async function findRowFor(db: OrgDb, uid: string) {
  return db.appointment.findFirst({
    where: { provider: "calcom", OR: [{ externalId: uid }, { previousExternalIds: { has: uid } }] },
  });
}

export async function applyBookingFacts(db: OrgDb, facts: BookingFacts): Promise<{ outcome: ApplyOutcome; appointmentId?: string }> {
  try {
    return await applyOnce(db, facts);
  } catch (err) {
    // Sidecar's own write and Cal.com's webhook for it can arrive together: the loser of the
    // insert finds the winner's row on a second pass and updates it instead.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return applyOnce(db, facts);
    throw err;
  }
}

async function applyOnce(db: OrgDb, facts: BookingFacts): Promise<{ outcome: ApplyOutcome; appointmentId?: string }> {
  if (facts.eventTypeId === null) return { outcome: "unmapped" };
  const eventType = await db.calcomEventType.findUnique({
    where: { organizationId_eventTypeId: { organizationId: db.organizationId, eventTypeId: facts.eventTypeId } },
    select: { locationId: true, ghlCalendarId: true, title: true },
  });
  if (!eventType?.locationId) return { outcome: "unmapped" };
  const locationId = eventType.locationId;

  let existing = await findRowFor(db, facts.uid);
  // A uid the row has already moved on from: a late fact about the old booking.
  if (existing && existing.externalId !== facts.uid) return { outcome: "stale", appointmentId: existing.id };
  let moving = false;
  if (!existing && facts.fromUid) {
    const previous = await findRowFor(db, facts.fromUid);
    if (previous && previous.externalId === facts.fromUid) {
      existing = previous;
      moving = true;
    }
  }
  if (existing && !moving && existing.externalUpdatedAt.getTime() > facts.at.getTime()) return { outcome: "stale", appointmentId: existing.id };

  const status = nextStatus(existing?.status ?? null, facts);
  const rescheduleRequestedAt = facts.rescheduleRequested ? (existing?.rescheduleRequestedAt ?? facts.at) : null;
  const contactId = existing?.contactId ?? (facts.attendee ? await matchContact(db, locationId, facts.attendee) : null);
  const fields = {
    locationId,
    calendarId: eventType.ghlCalendarId,
    calcomEventTypeId: facts.eventTypeId,
    // Cal.com titles read "<event> between <attendee> and <host>"; the calendar shows the treatment.
    title: eventType.title || facts.title || null,
    status,
    startTime: facts.start,
    endTime: facts.end,
    rescheduleRequestedAt,
    externalUpdatedAt: facts.at,
  };

  if (!existing) {
    const created = await db.appointment.create({
      data: { organizationId: db.organizationId, provider: "calcom", externalId: facts.uid, contactId, bookedAt: facts.bookedAt ?? null, ...fields },
      select: { id: true },
    });
    return { outcome: "created", appointmentId: created.id };
  }
  const unchanged =
    !moving &&
    existing.status === status &&
    existing.startTime.getTime() === facts.start.getTime() &&
    existing.endTime.getTime() === facts.end.getTime() &&
    (existing.rescheduleRequestedAt === null) === (rescheduleRequestedAt === null) &&
    existing.locationId === locationId &&
    existing.deletedAt === null;
  await db.appointment.update({
    where: { id: existing.id },
    data: {
      ...fields,
      contactId,
      deletedAt: null,
      ...(moving ? { externalId: facts.uid, previousExternalIds: [...existing.previousExternalIds, existing.externalId] } : {}),
    },
  });
  return { outcome: moving ? "moved" : unchanged ? "unchanged" : "updated", appointmentId: existing.id };
}

/** A no-show update names the booking and its attendees' attendance, nothing else. */
export async function applyNoShow(db: OrgDb, uid: string, noShow: boolean, at: Date) {
  const row = await findRowFor(db, uid);
  if (!row || row.externalId !== uid) return { outcome: "unmapped" as const };
  const status = noShow ? "noshow" : row.status === "noshow" ? "confirmed" : row.status;
  await db.appointment.update({ where: { id: row.id }, data: { status, externalUpdatedAt: at > row.externalUpdatedAt ? at : row.externalUpdatedAt } });
  return { outcome: "updated" as const, appointmentId: row.id };
}
