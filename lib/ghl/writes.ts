import "server-only";
import type { OrgDb } from "@/lib/db";
import { NotFoundError, UserError } from "@/lib/errors";
import { locationApi, type GhlAppointmentWrite, type GhlContactWrite } from "@/lib/ghl/api";
import { GhlHttpError, ghlRefusal } from "@/lib/ghl/http";
import { log } from "@/lib/log";
import { markAppointmentsDeleted, markContactsDeleted, upsertAppointmentPage, upsertContactPage } from "@/lib/ghl/sync/upsert";

/**
 * Sidecar's writes: GHL first, then the local copy through the same upsert path the sync uses.
 * When GHL refuses, nothing local changes and the person sees GHL's reason.
 */

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

async function clinicOf(db: OrgDb, locationId: string) {
  const clinic = await db.location.findUnique({ where: { id: locationId }, select: { id: true, ghlLocationId: true } });
  if (!clinic) throw new NotFoundError("That clinic does not exist.");
  return { ref: { organizationId: db.organizationId, locationId: clinic.id }, api: locationApi(db.organizationId, clinic) };
}

async function contactOf(db: OrgDb, contactId: string) {
  const contact = await db.contact.findUnique({ where: { id: contactId } });
  if (!contact || contact.deletedAt) throw new NotFoundError("That contact does not exist.");
  return contact;
}

export async function createContact(db: OrgDb, locationId: string, input: GhlContactWrite) {
  const { ref, api } = await clinicOf(db, locationId);
  const { contact } = await ghlFirst(() => api.createContact(input));
  await db.transaction((tx) => upsertContactPage(tx, ref, [contact], { source: "read" }));
  return db.contact.findUniqueOrThrow({ where: { locationId_ghlContactId: { locationId, ghlContactId: contact.id } } });
}

export async function updateContact(db: OrgDb, contactId: string, input: GhlContactWrite) {
  const existing = await contactOf(db, contactId);
  const { ref, api } = await clinicOf(db, existing.locationId);
  const { contact } = await ghlFirst(() => api.updateContact(existing.ghlContactId, input));
  await db.transaction((tx) => upsertContactPage(tx, ref, [contact], { source: "read" }));
  return db.contact.findUniqueOrThrow({ where: { id: contactId } });
}

export async function deleteContact(db: OrgDb, contactId: string) {
  const existing = await contactOf(db, contactId);
  const { ref, api } = await clinicOf(db, existing.locationId);
  await ghlFirst(() => api.deleteContact(existing.ghlContactId));
  await db.transaction((tx) => markContactsDeleted(tx, ref, [existing.ghlContactId], new Date()));
  return { contactId };
}

export interface AppointmentInput {
  calendarId: string;
  contactId: string;
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

/** Books in GHL; a free-slot refusal becomes the "conflict" the form answers with "book anyway". */
async function writeSlot<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isSlotRefusal(err)) throw new UserError("conflict", OUTSIDE_FREE_SLOTS, "time");
    throw err;
  }
}

/** Re-reads the appointment after a write: write answers carry no dateUpdated (reference §1.4). */
async function storeAppointment(db: OrgDb, clinic: Awaited<ReturnType<typeof clinicOf>>, ghlAppointmentId: string) {
  const { event } = await clinic.api.getAppointment(ghlAppointmentId);
  await db.transaction((tx) => upsertAppointmentPage(tx, clinic.ref, [event], { source: "read" }));
  return db.appointment.findFirstOrThrow({ where: { locationId: clinic.ref.locationId, provider: "ghl", externalId: ghlAppointmentId } });
}

export async function bookAppointment(db: OrgDb, locationId: string, input: AppointmentInput) {
  const clinic = await clinicOf(db, locationId);
  const contact = await contactOf(db, input.contactId);
  if (contact.locationId !== locationId) throw new NotFoundError("That contact belongs to another clinic.");
  const calendar = await db.calendar.findUnique({ where: { locationId_ghlCalendarId: { locationId, ghlCalendarId: input.calendarId } } });
  if (!calendar) throw new NotFoundError("That calendar does not exist.");
  const body: GhlAppointmentWrite = {
    calendarId: input.calendarId,
    contactId: contact.ghlContactId,
    startTime: input.startTime.toISOString(),
    endTime: input.endTime.toISOString(),
    title: input.title,
    appointmentStatus: "confirmed",
    ...(input.ignoreFreeSlotValidation ? { ignoreFreeSlotValidation: true } : {}),
  };
  const created = await writeSlot(() => ghlFirst(() => clinic.api.createAppointment(body)));
  if (input.notes) {
    // The appointment exists in GHL now; a note that fails to save must not make it look unbooked.
    await ghlFirst(() => clinic.api.createAppointmentNote(created.id, input.notes!)).catch((err) => {
      log.warn({ err, appointmentId: created.id }, "GHL appointment note not saved");
    });
  }
  return storeAppointment(db, clinic, created.id);
}

async function appointmentOf(db: OrgDb, appointmentId: string) {
  const appointment = await db.appointment.findUnique({ where: { id: appointmentId } });
  if (!appointment || appointment.deletedAt || appointment.provider !== "ghl") throw new NotFoundError("That appointment does not exist.");
  return appointment;
}

export async function updateAppointment(
  db: OrgDb,
  appointmentId: string,
  change: { startTime?: Date; endTime?: Date; status?: GhlAppointmentWrite["appointmentStatus"]; ignoreFreeSlotValidation?: boolean },
) {
  const appointment = await appointmentOf(db, appointmentId);
  const clinic = await clinicOf(db, appointment.locationId);
  await writeSlot(() =>
    ghlFirst(() =>
      clinic.api.updateAppointment(appointment.externalId, {
        ...(change.startTime ? { startTime: change.startTime.toISOString() } : {}),
        ...(change.endTime ? { endTime: change.endTime.toISOString() } : {}),
        ...(change.status ? { appointmentStatus: change.status } : {}),
        ...(change.ignoreFreeSlotValidation ? { ignoreFreeSlotValidation: true } : {}),
      }),
    ),
  );
  return storeAppointment(db, clinic, appointment.externalId);
}

export async function deleteAppointment(db: OrgDb, appointmentId: string) {
  const appointment = await appointmentOf(db, appointmentId);
  const clinic = await clinicOf(db, appointment.locationId);
  await ghlFirst(() => clinic.api.deleteEvent(appointment.externalId));
  await db.transaction((tx) => markAppointmentsDeleted(tx, clinic.ref, [appointment.externalId], new Date()));
  return { appointmentId };
}

/** Free start times of a GHL calendar between two instants, as GHL computes them. */
export async function findFreeSlots(db: OrgDb, locationId: string, ghlCalendarId: string, from: Date, to: Date) {
  const clinic = await clinicOf(db, locationId);
  const location = await db.location.findUniqueOrThrow({ where: { id: locationId }, select: { timezone: true } });
  const slots = await ghlFirst(() => clinic.api.freeSlots(ghlCalendarId, from, to, location.timezone));
  return slots.map((slot) => new Date(slot)).filter((slot) => !Number.isNaN(slot.getTime()));
}
