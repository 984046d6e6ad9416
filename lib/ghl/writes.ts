import "server-only";
import type { OrgDb } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { locationApi, type GhlAppointmentWrite, type GhlContactWrite } from "@/lib/ghl/api";
import { GhlHttpError, ghlRefusal } from "@/lib/ghl/http";
import { log } from "@/lib/log";
import { markAppointmentsDeleted, markContactsDeleted, upsertAppointmentPage, upsertContactPage } from "@/lib/ghl/sync/upsert";

/**
 * The gateway for Sidecar's writes to GHL: GHL first, then the one upsert of the local copy
 * through the same path the sync uses. When GHL refuses, nothing local changes and the person
 * sees GHL's reason.
 *
 * It takes references its caller has already read and checked (lib/contacts, lib/calendar own
 * access, validation and that one read) and reads none of them again: the only reads here are
 * GHL's answer and the row a write produced.
 */

/** A clinic as GHL knows it: Sidecar's Location id and GHL's sub-account id. */
export interface GhlClinicRef {
  id: string;
  ghlLocationId: string;
}

/** A synced contact and its clinic. */
export interface GhlContactRef {
  ghlContactId: string;
  location: GhlClinicRef;
}

/** A synced GHL appointment and its clinic. */
export interface GhlAppointmentRef {
  externalId: string;
  location: GhlClinicRef;
}

/** Prisma selects that read a reference along with the row the caller reads anyway. */
export const GHL_CLINIC_REF = { id: true, ghlLocationId: true } as const;
export const GHL_CONTACT_REF = { ghlContactId: true, location: { select: GHL_CLINIC_REF } } as const;
export const GHL_APPOINTMENT_REF = { externalId: true, location: { select: GHL_CLINIC_REF } } as const;

async function ghlFirst<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isSlotRefusal(err)) throw err;
    if (err instanceof GhlHttpError && err.status >= 400 && err.status < 500 && err.status !== 401 && err.status !== 429) {
      throw new UserError("ghl_refused", `GoHighLevel refused the change: ${ghlRefusal(err)}`);
    }
    // Still failing after the transport's retries: say so plainly instead of "something went wrong".
    if (err instanceof GhlHttpError && (err.status >= 500 || err.status === 429)) {
      throw new UserError("ghl_unavailable", "GoHighLevel is not answering right now. Nothing was changed; please try again in a moment.");
    }
    throw err;
  }
}

function clinicApi(db: OrgDb, clinic: GhlClinicRef) {
  return { ref: { organizationId: db.organizationId, locationId: clinic.id }, api: locationApi(db.organizationId, clinic) };
}

type Clinic = ReturnType<typeof clinicApi>;

/** Creates the contact in GHL, then stores it; returns the stored row (its Sidecar id is new). */
export async function createGhlContact(db: OrgDb, clinic: GhlClinicRef, input: GhlContactWrite) {
  const { ref, api } = clinicApi(db, clinic);
  const { contact } = await ghlFirst(() => api.createContact(input));
  await db.transaction((tx) => upsertContactPage(tx, ref, [contact], { source: "read" }));
  return db.contact.findUniqueOrThrow({ where: { locationId_ghlContactId: { locationId: clinic.id, ghlContactId: contact.id } } });
}

/** Updates the contact in GHL, then stores GHL's answer. */
export async function updateGhlContact(db: OrgDb, contact: GhlContactRef, input: GhlContactWrite): Promise<void> {
  const { ref, api } = clinicApi(db, contact.location);
  const { contact: updated } = await ghlFirst(() => api.updateContact(contact.ghlContactId, input));
  await db.transaction((tx) => upsertContactPage(tx, ref, [updated], { source: "read" }));
}

/** Deletes the contact in GHL, then marks the copy deleted (soft: its appointments keep their history). */
export async function deleteGhlContact(db: OrgDb, contact: GhlContactRef): Promise<void> {
  const { ref, api } = clinicApi(db, contact.location);
  await ghlFirst(() => api.deleteContact(contact.ghlContactId));
  await db.transaction((tx) => markContactsDeleted(tx, ref, [contact.ghlContactId], new Date()));
}

export interface GhlBooking {
  clinic: GhlClinicRef;
  ghlCalendarId: string;
  ghlContactId: string;
  startTime: Date;
  endTime: Date;
  title?: string;
  /** Not a field of the appointment in GHL: added through the appointment's notes endpoint. */
  notes?: string;
  /** The person chose "book anyway": GHL skips its free-slot check (open hours, notice, taken slots). */
  ignoreFreeSlotValidation?: boolean;
}

/** GHL's answer to a time outside the calendar's free slots, turned into the warning the form offers to override. */
export const OUTSIDE_FREE_SLOTS =
  "GoHighLevel refused this time: it is not one of the calendar's free slots (outside open hours, inside the minimum notice, or already taken).";

function isSlotRefusal(err: unknown): boolean {
  return err instanceof GhlHttpError && err.status === 400 && /slot/i.test(ghlRefusal(err));
}

/** Writes a time in GHL; a free-slot refusal becomes the "conflict" the form answers with "book anyway". */
async function writeSlot<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await ghlFirst(write);
  } catch (err) {
    if (isSlotRefusal(err)) throw new UserError("conflict", OUTSIDE_FREE_SLOTS, "time");
    throw err;
  }
}

/** Re-reads the appointment after a write (write answers carry no dateUpdated, reference §1.4), stores it, and returns the stored row. */
async function storeAppointment(db: OrgDb, { api, ref }: Clinic, ghlAppointmentId: string) {
  const { event } = await api.getAppointment(ghlAppointmentId);
  await db.transaction((tx) => upsertAppointmentPage(tx, ref, [event], { source: "read" }));
  return db.appointment.findFirstOrThrow({ where: { locationId: ref.locationId, provider: "ghl", externalId: ghlAppointmentId } });
}

export async function bookGhlAppointment(db: OrgDb, booking: GhlBooking) {
  const clinic = clinicApi(db, booking.clinic);
  const body: GhlAppointmentWrite = {
    calendarId: booking.ghlCalendarId,
    contactId: booking.ghlContactId,
    startTime: booking.startTime.toISOString(),
    endTime: booking.endTime.toISOString(),
    title: booking.title,
    appointmentStatus: "confirmed",
    ...(booking.ignoreFreeSlotValidation ? { ignoreFreeSlotValidation: true } : {}),
  };
  const created = await writeSlot(() => clinic.api.createAppointment(body));
  const notes = booking.notes;
  if (notes) {
    // The appointment exists in GHL now; a note that fails to save must not make it look unbooked.
    await ghlFirst(() => clinic.api.createAppointmentNote(created.id, notes)).catch((err) => {
      log.warn({ err, appointmentId: created.id }, "GHL appointment note not saved");
    });
  }
  return storeAppointment(db, clinic, created.id);
}

export interface GhlAppointmentChange {
  startTime?: Date;
  endTime?: Date;
  status?: GhlAppointmentWrite["appointmentStatus"];
  ignoreFreeSlotValidation?: boolean;
}

/** Moves the appointment or sets its status in GHL, then stores GHL's state; returns the stored row. */
export async function updateGhlAppointment(db: OrgDb, appointment: GhlAppointmentRef, change: GhlAppointmentChange) {
  const clinic = clinicApi(db, appointment.location);
  await writeSlot(() =>
    clinic.api.updateAppointment(appointment.externalId, {
      ...(change.startTime ? { startTime: change.startTime.toISOString() } : {}),
      ...(change.endTime ? { endTime: change.endTime.toISOString() } : {}),
      ...(change.status ? { appointmentStatus: change.status } : {}),
      ...(change.ignoreFreeSlotValidation ? { ignoreFreeSlotValidation: true } : {}),
    }),
  );
  return storeAppointment(db, clinic, appointment.externalId);
}

export async function deleteGhlAppointment(db: OrgDb, appointment: GhlAppointmentRef): Promise<void> {
  const { ref, api } = clinicApi(db, appointment.location);
  await ghlFirst(() => api.deleteEvent(appointment.externalId));
  await db.transaction((tx) => markAppointmentsDeleted(tx, ref, [appointment.externalId], new Date()));
}

/** Free start times of a GHL calendar between two instants, as GHL computes them in the clinic's zone. */
export async function findGhlFreeSlots(db: OrgDb, clinic: GhlClinicRef & { timezone: string }, ghlCalendarId: string, from: Date, to: Date) {
  const { api } = clinicApi(db, clinic);
  const slots = await ghlFirst(() => api.freeSlots(ghlCalendarId, from, to, clinic.timezone));
  return slots.map((slot) => new Date(slot)).filter((slot) => !Number.isNaN(slot.getTime()));
}
