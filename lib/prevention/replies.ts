import "server-only";
import type { OrgDb, OrgTransaction } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { bookSlotInGhl } from "@/lib/calendar/appointments";
import { GHL_APPOINTMENT_REF, updateGhlAppointment } from "@/lib/ghl/writes";
import { log } from "@/lib/log";
import { parseReply } from "@/lib/prevention/policy";

/**
 * Patients' SMS replies, from GHL's InboundMessage webhook. The drain stores each one in the
 * message log inside its batch transaction (`recordInboundSms`); what the reply asks for (confirm
 * the appointment in GHL, book an offered slot) is done right after, outside that transaction
 * (`handleInboundSms`), with the drain's retries. A reply from a contact Sidecar does not know,
 * or from one with nothing open, is logged as such and changes nothing; nothing is sent back.
 */

export interface InboundSms {
  messageId: string;
  contactId: string;
  body: string;
}

export const MAX_STORED_BODY = 1000;

export async function recordInboundSms(tx: OrgTransaction, clinic: { organizationId: string; locationId: string }, messages: InboundSms[]): Promise<void> {
  if (messages.length === 0) return;
  const contacts = await tx.contact.findMany({
    where: { locationId: clinic.locationId, ghlContactId: { in: [...new Set(messages.map((m) => m.contactId))] }, deletedAt: null },
    select: { id: true, ghlContactId: true },
  });
  const byGhl = new Map(contacts.map((c) => [c.ghlContactId, c.id]));
  await tx.preventionMessage.createMany({
    data: messages.map((m) => ({
      organizationId: clinic.organizationId,
      locationId: clinic.locationId,
      direction: "inbound",
      kind: "reply",
      status: "received",
      contactId: byGhl.get(m.contactId) ?? null,
      ghlContactId: m.contactId,
      ghlMessageId: m.messageId,
      body: m.body.slice(0, MAX_STORED_BODY),
    })),
  });
}

async function settle(db: OrgDb, id: string, status: string, detail: string | null, extra: { appointmentId?: string; offerId?: string } = {}) {
  await db.preventionMessage.update({ where: { id }, data: { status, detail, ...extra } });
}

export type ReplyOutcome = "unknown_contact" | "confirmed" | "declined" | "accepted" | "slot_taken" | "ignored" | "already_handled";

export async function handleInboundSms(db: OrgDb, clinic: { organizationId: string; locationId: string }, sms: InboundSms, now: Date = new Date()): Promise<ReplyOutcome> {
  const message = await db.preventionMessage.findFirst({
    where: { locationId: clinic.locationId, direction: "inbound", ghlMessageId: sms.messageId },
    orderBy: { createdAt: "asc" },
  });
  if (!message || message.status !== "received") return "already_handled";
  const contact = await db.contact.findUnique({ where: { locationId_ghlContactId: { locationId: clinic.locationId, ghlContactId: sms.contactId } }, select: { id: true, deletedAt: true } });
  if (!contact || contact.deletedAt) {
    log.info({ locationId: clinic.locationId, ghlMessageId: sms.messageId }, "prevention: a reply from a contact Sidecar does not know; nothing done");
    await settle(db, message.id, "unknown_contact", "No contact of this clinic in Sidecar has this number; nothing was changed or sent.");
    return "unknown_contact";
  }
  if (!message.contactId) await db.preventionMessage.update({ where: { id: message.id }, data: { contactId: contact.id } });
  const answer = parseReply(sms.body);

  // An offered slot is the most time-critical question a contact can have open: it comes first.
  const offer = await db.waitlistOffer.findFirst({ where: { locationId: clinic.locationId, contactId: contact.id, status: "sent", expiresAt: { gt: now } }, include: { opening: true } });
  if (offer) {
    if (answer === null) {
      await settle(db, message.id, "ignored", "Not a yes or no to the offered slot; the front desk can answer in GoHighLevel.", { offerId: offer.id });
      return "ignored";
    }
    if (answer === "no") {
      await db.waitlistOffer.update({ where: { id: offer.id }, data: { status: "declined" } });
      await settle(db, message.id, "declined", "Passed on the offered slot; the next person on the waitlist is asked.", { offerId: offer.id, appointmentId: offer.opening.appointmentId });
      return "declined";
    }
    try {
      // Free-slot checked by GHL: no "book anyway" here.
      const booked = await bookSlotInGhl(db, {
        locationId: clinic.locationId,
        calendarId: offer.opening.ghlCalendarId,
        contactId: contact.id,
        startTime: offer.opening.startTime,
        endTime: offer.opening.endTime,
        title: "Waitlist booking",
      });
      await db.transaction(async (tx) => {
        await tx.waitlistOffer.update({ where: { id: offer.id }, data: { status: "booked", bookedAppointmentId: booked.id } });
        await tx.slotOpening.update({ where: { id: offer.openingId }, data: { status: "booked", bookedAppointmentId: booked.id } });
        await tx.waitlistEntry.update({ where: { id: offer.entryId }, data: { status: "booked" } });
        await tx.preventionMessage.update({ where: { id: message.id }, data: { status: "accepted", detail: "Booked in GoHighLevel from the waitlist.", offerId: offer.id, appointmentId: booked.id } });
      });
      return "accepted";
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      // Taken meanwhile, or GHL refused: the front desk is told (queue) and the person is not left guessing by a silent success.
      await db.transaction(async (tx) => {
        await tx.waitlistOffer.update({ where: { id: offer.id }, data: { status: "failed", detail: err.message.slice(0, 500) } });
        await tx.slotOpening.update({ where: { id: offer.openingId }, data: { status: "exhausted" } });
        await tx.preventionMessage.update({ where: { id: message.id }, data: { status: "accepted", detail: `Said yes, but GoHighLevel did not book it: ${err.message}`.slice(0, 500), offerId: offer.id } });
      });
      return "slot_taken";
    }
  }

  const request = await db.confirmationRequest.findFirst({
    where: { locationId: clinic.locationId, contactId: contact.id, status: { in: ["sent", "no_reply"] } },
    orderBy: { sentAt: "desc" },
  });
  const appointment = request ? await db.appointment.findUnique({ where: { id: request.appointmentId }, select: { id: true, startTime: true, status: true, deletedAt: true, ...GHL_APPOINTMENT_REF } }) : null;
  if (!request || !appointment || appointment.deletedAt || appointment.startTime <= now) {
    await settle(db, message.id, "ignored", "No open confirmation request or offer for this contact; nothing was changed.");
    return "ignored";
  }
  if (answer === null) {
    await settle(db, message.id, "ignored", "Not a yes or no; the front desk can answer in GoHighLevel.", { appointmentId: appointment.id });
    return "ignored";
  }
  if (answer === "no") {
    await db.confirmationRequest.update({ where: { id: request.id }, data: { status: "declined" } });
    await settle(db, message.id, "declined", "Cannot make it: the front desk is asked to call.", { appointmentId: appointment.id });
    return "declined";
  }
  if (appointment.status !== "confirmed") await updateGhlAppointment(db, appointment, { status: "confirmed" });
  await db.transaction(async (tx) => {
    await tx.confirmationRequest.update({ where: { id: request.id }, data: { status: "confirmed", confirmedAt: now } });
    await tx.preventionMessage.update({ where: { id: message.id }, data: { status: "confirmed", detail: "Confirmed in GoHighLevel and Sidecar.", appointmentId: appointment.id } });
  });
  return "confirmed";
}
