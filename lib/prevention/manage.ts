import "server-only";
import { z } from "zod";
import type { OrgContext } from "@/lib/auth/context";
import { requireClinic } from "@/lib/clinic/clinics";
import { NotFoundError, UserError } from "@/lib/errors";
import { GHL_APPOINTMENT_REF, updateGhlAppointment } from "@/lib/ghl/writes";
import { policyFromInput, type PolicyInput } from "@/lib/prevention/policy";
import { isPastDate, type WaitlistInput } from "@/lib/prevention/waitlist";
import { minutesOf } from "@/lib/prevention/policy";

/** What the prevention page's forms change: the policy, waitlist entries, offers and backfill bookings. */

type Ctx = Pick<OrgContext, "db" | "clinicIds" | "user">;

export async function savePolicy(ctx: Ctx, input: PolicyInput) {
  const clinic = await requireClinic(ctx, input.locationId);
  const policy = policyFromInput(input);
  const saved = await ctx.db.preventionPolicy.upsert({
    where: { locationId: clinic.id },
    create: { ...policy, organizationId: ctx.db.organizationId, locationId: clinic.id, updatedByUserId: ctx.user.id },
    update: { ...policy, updatedByUserId: ctx.user.id },
  });
  return { policyId: saved.id, locationId: clinic.id, enabled: saved.enabled };
}

export async function addWaitlistEntry(ctx: Ctx, input: WaitlistInput, now: Date = new Date()) {
  const clinic = await requireClinic(ctx, input.locationId);
  if (isPastDate(input.expiresOn, now, clinic.timezone)) {
    throw new UserError("invalid_input", "The entry would expire on a past date; pick today or later.", "expiresOn");
  }
  const contact = await ctx.db.contact.findUnique({ where: { id: input.contactId }, select: { id: true, locationId: true, deletedAt: true } });
  if (!contact || contact.deletedAt || contact.locationId !== clinic.id) throw new NotFoundError("That contact was not found at this clinic.");
  const calendar = await ctx.db.calendar.findUnique({ where: { locationId_ghlCalendarId: { locationId: clinic.id, ghlCalendarId: input.ghlCalendarId } }, select: { id: true } });
  if (!calendar) throw new UserError("invalid_input", "Pick one of this clinic's calendars.", "ghlCalendarId");
  const duplicate = await ctx.db.waitlistEntry.findFirst({ where: { locationId: clinic.id, contactId: contact.id, ghlCalendarId: input.ghlCalendarId, status: "active" }, select: { id: true } });
  if (duplicate) throw new UserError("duplicate", "This contact is already on the waitlist for that calendar.", "contactId");
  const entry = await ctx.db.waitlistEntry.create({
    data: {
      organizationId: ctx.db.organizationId,
      locationId: clinic.id,
      contactId: contact.id,
      ghlCalendarId: input.ghlCalendarId,
      preferredDays: [...new Set(input.preferredDays)].sort(),
      preferredFromMinute: minutesOf(input.preferredFrom),
      preferredToMinute: input.preferredTo === "24:00" ? 1440 : minutesOf(input.preferredTo),
      expiresOn: new Date(`${input.expiresOn}T00:00:00Z`),
      note: input.note || null,
      createdByUserId: ctx.user.id,
    },
  });
  return { entryId: entry.id };
}

export const ZEntryRef = z.object({ entryId: z.string().min(1).max(64) });
export const ZOfferRef = z.object({ offerId: z.string().min(1).max(64) });

/** Takes an entry off the waitlist; an offer it has waiting is withdrawn with it (one transaction). */
export async function cancelWaitlistEntry(ctx: Ctx, entryId: string) {
  const entry = await ctx.db.waitlistEntry.findUnique({ where: { id: entryId } });
  if (!entry) throw new NotFoundError("That waitlist entry was not found.");
  if (entry.status !== "active") throw new UserError("conflict", entry.status === "booked" ? "This entry was booked; undo the booking instead." : "This entry is already off the waitlist.");
  await ctx.db.transaction(async (tx) => {
    await tx.waitlistEntry.update({ where: { id: entry.id }, data: { status: "cancelled" } });
    await tx.waitlistOffer.updateMany({ where: { entryId: entry.id, status: "sent" }, data: { status: "cancelled", detail: "Withdrawn with the waitlist entry." } });
  });
  return { entryId: entry.id, locationId: entry.locationId };
}

/** Withdraws an unanswered offer: a later "yes" books nothing, and the next run asks the next person. */
export async function cancelOffer(ctx: Ctx, offerId: string) {
  const offer = await ctx.db.waitlistOffer.findUnique({ where: { id: offerId } });
  if (!offer) throw new NotFoundError("That offer was not found.");
  if (offer.status !== "sent") throw new UserError("conflict", "Only an offer still waiting for an answer can be withdrawn.");
  await ctx.db.waitlistOffer.update({ where: { id: offer.id }, data: { status: "cancelled", detail: "Withdrawn by the front desk." } });
  return { offerId: offer.id, locationId: offer.locationId };
}

/**
 * Undoes a booking made from the waitlist: the appointment is cancelled in GHL first (and so in
 * Sidecar), then the offer, the opening and the entry go back in one transaction; the entry is
 * active again and the slot is not re-offered.
 */
export async function undoBackfill(ctx: Ctx, offerId: string) {
  const offer = await ctx.db.waitlistOffer.findUnique({ where: { id: offerId } });
  if (!offer) throw new NotFoundError("That offer was not found.");
  if (offer.status !== "booked" || !offer.bookedAppointmentId) throw new UserError("conflict", "Only a booking made from the waitlist can be undone here.");
  const appointment = await ctx.db.appointment.findUnique({ where: { id: offer.bookedAppointmentId }, select: { status: true, deletedAt: true, ...GHL_APPOINTMENT_REF } });
  if (appointment && !appointment.deletedAt && appointment.status !== "cancelled") await updateGhlAppointment(ctx.db, appointment, { status: "cancelled" });
  await ctx.db.transaction(async (tx) => {
    await tx.waitlistOffer.update({ where: { id: offer.id }, data: { status: "cancelled", detail: "Booking undone by the front desk." } });
    await tx.slotOpening.update({ where: { id: offer.openingId }, data: { status: "cancelled" } });
    await tx.waitlistEntry.update({ where: { id: offer.entryId }, data: { status: "active" } });
  });
  return { offerId: offer.id, locationId: offer.locationId, appointmentId: offer.bookedAppointmentId };
}
