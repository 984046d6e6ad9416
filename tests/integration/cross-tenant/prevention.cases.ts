import { prisma } from "@/lib/db/client";
import type { SeededAgency } from "../../support/tenants";
import type { ActionCase, CrossTenantFeature, World } from "./types";

const P = "actions/prevention/";
const SAVE = `${P}save-policy.ts#savePreventionPolicyAction`;
const ADD = `${P}add-waitlist-entry.ts#addWaitlistEntryAction`;
const REMOVE = `${P}cancel-waitlist-entry.ts#cancelWaitlistEntryAction`;
const WITHDRAW = `${P}cancel-offer.ts#cancelWaitlistOfferAction`;
const UNDO = `${P}undo-backfill.ts#undoWaitlistBookingAction`;
const STRANGER = ["not_found", "unauthenticated"];

interface Seeded {
  calendars: string[];
  entries: string[];
  sentOffers: string[];
  bookedOffers: string[];
}

/** Per clinic: a policy, a calendar, a waitlist entry, a freed slot with one unanswered and one booked offer, and logged texts. */
async function seedPrevention(agency: SeededAgency) {
  const organizationId = agency.organization.id;
  const out: Seeded = { calendars: [], entries: [], sentOffers: [], bookedOffers: [] };
  const tag = agency.organization.slug.slice(-6);
  for (const [i, clinic] of agency.clinics.entries()) {
    const contactId = agency.contacts[i]!.id;
    const ghlCalendarId = `wl-cal-${tag}-${i}`;
    await prisma.calendar.create({ data: { organizationId, locationId: clinic.id, ghlCalendarId, name: `Waitlist chairs ${tag}` } });
    await prisma.preventionPolicy.create({ data: { organizationId, locationId: clinic.id, enabled: true, riskThreshold: 0.3, hoursBefore: 48, replyDeadlineHours: 24, quietStartMinute: 1260, quietEndMinute: 480 } });
    const entry = await prisma.waitlistEntry.create({ data: { organizationId, locationId: clinic.id, contactId, ghlCalendarId, expiresOn: new Date("2030-12-31T00:00:00Z"), note: `SecretWaitlistNote ${tag}` } });
    const second = await prisma.waitlistEntry.create({ data: { organizationId, locationId: clinic.id, contactId, ghlCalendarId: `${ghlCalendarId}-b`, expiresOn: new Date("2030-12-31T00:00:00Z"), status: "booked" } });
    const appointment = await prisma.appointment.create({
      data: { organizationId, locationId: clinic.id, externalId: `wl-appt-${tag}-${i}`, calendarId: ghlCalendarId, status: "cancelled", startTime: new Date("2030-01-20T16:00:00Z"), endTime: new Date("2030-01-20T17:00:00Z"), externalUpdatedAt: new Date() },
    });
    const booked = await prisma.appointment.create({
      data: { organizationId, locationId: clinic.id, externalId: `wl-booked-${tag}-${i}`, calendarId: ghlCalendarId, contactId, status: "confirmed", startTime: new Date("2030-01-21T16:00:00Z"), endTime: new Date("2030-01-21T17:00:00Z"), externalUpdatedAt: new Date() },
    });
    const opening = await prisma.slotOpening.create({ data: { organizationId, locationId: clinic.id, appointmentId: appointment.id, ghlCalendarId, startTime: appointment.startTime, endTime: appointment.endTime } });
    const bookedOpening = await prisma.slotOpening.create({ data: { organizationId, locationId: clinic.id, appointmentId: booked.id, ghlCalendarId, startTime: booked.startTime, endTime: booked.endTime, status: "booked", bookedAppointmentId: booked.id } });
    const sent = await prisma.waitlistOffer.create({ data: { organizationId, locationId: clinic.id, openingId: opening.id, entryId: entry.id, contactId, status: "sent", sentAt: new Date(), expiresAt: new Date("2030-01-01T00:00:00Z") } });
    const done = await prisma.waitlistOffer.create({ data: { organizationId, locationId: clinic.id, openingId: bookedOpening.id, entryId: second.id, contactId, status: "booked", sentAt: new Date(), expiresAt: new Date(), bookedAppointmentId: booked.id } });
    await prisma.preventionMessage.create({ data: { organizationId, locationId: clinic.id, direction: "outbound", kind: "waitlist_offer", status: "sent", contactId, offerId: sent.id, body: `SecretOfferText ${tag}` } });
    out.calendars.push(ghlCalendarId);
    out.entries.push(entry.id);
    out.sentOffers.push(sent.id);
    out.bookedOffers.push(done.id);
  }
  return { prevention: out };
}

const seeded = (w: World, who: "A" | "B") => w.extra[who].prevention as Seeded;

/** B's record via B's slug and via A's, clinic staff with A's other clinic's record, and a stranger. */
function recordAttacks(w: World, key: string, pick: (s: Seeded) => string[], input: (id: string) => Record<string, unknown>): ActionCase[] {
  const call = w.action(key);
  const b = pick(seeded(w, "B"))[0]!;
  const aOther = pick(seeded(w, "A"))[1]!;
  return [
    { who: "ownerA", attempt: "B's record via B's slug", call: () => call(w.B.organization.slug, input(b)) },
    { who: "adminA", attempt: "B's record via A's slug", call: () => call(w.A.organization.slug, input(b)) },
    { who: "staffA", attempt: "the other clinic's record", call: () => call(w.A.organization.slug, input(aOther)) },
    { who: "outsider", attempt: "a stranger", call: () => call(w.A.organization.slug, input(pick(seeded(w, "A"))[0]!)), refusals: STRANGER },
  ];
}

const policyInput = (locationId: string) => ({ locationId, enabled: true, riskThresholdPercent: 10, hoursBefore: 24, replyDeadlineHours: 4, quietStart: "22:00", quietEnd: "07:00", offerWindowMinutes: 15 });

export const prevention: CrossTenantFeature = {
  seed: seedPrevention,
  secrets: (_agency, extra) => {
    const s = extra.prevention as Seeded;
    return [...s.calendars, ...s.entries, ...s.sentOffers, ...s.bookedOffers];
  },
  snapshot: async (organizationId) => ({
    policies: await prisma.preventionPolicy.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    requests: await prisma.confirmationRequest.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    messages: await prisma.preventionMessage.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    entries: await prisma.waitlistEntry.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    openings: await prisma.slotOpening.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    offers: await prisma.waitlistOffer.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
  }),
  actions: {
    [SAVE]: (w) => {
      const call = w.action(SAVE);
      return [
        { who: "ownerA", attempt: "B's clinic's policy via B's slug", call: () => call(w.B.organization.slug, policyInput(w.B.clinics[0].id)) },
        { who: "adminA", attempt: "B's clinic's policy via A's slug", call: () => call(w.A.organization.slug, policyInput(w.B.clinics[0].id)) },
        { who: "staffA", attempt: "clinic staff set a policy", call: () => call(w.A.organization.slug, policyInput(w.A.clinics[0].id)), refusals: ["forbidden"] },
        { who: "outsider", attempt: "a stranger", call: () => call(w.A.organization.slug, policyInput(w.A.clinics[0].id)), refusals: STRANGER },
      ];
    },
    [ADD]: (w) => {
      const call = w.action(ADD);
      const entry = (locationId: string, contactId: string, ghlCalendarId: string) => ({ locationId, contactId, ghlCalendarId, preferredDays: [], preferredFrom: "09:00", preferredTo: "17:00", expiresOn: "2030-06-01" });
      const a = seeded(w, "A");
      const b = seeded(w, "B");
      return [
        { who: "ownerA", attempt: "add to B's waitlist via B's slug", call: () => call(w.B.organization.slug, entry(w.B.clinics[0].id, w.B.contacts[0]!.id, b.calendars[0]!)) },
        { who: "adminA", attempt: "add to B's waitlist via A's slug", call: () => call(w.A.organization.slug, entry(w.B.clinics[0].id, w.B.contacts[0]!.id, b.calendars[0]!)) },
        { who: "adminA", attempt: "B's contact on A's waitlist", call: () => call(w.A.organization.slug, entry(w.A.clinics[0].id, w.B.contacts[0]!.id, a.calendars[0]!)) },
        { who: "adminA", attempt: "B's calendar on A's waitlist", call: () => call(w.A.organization.slug, entry(w.A.clinics[0].id, w.A.contacts[0]!.id, b.calendars[0]!)), refusals: ["invalid_input"] },
        { who: "staffA", attempt: "the other clinic's waitlist", call: () => call(w.A.organization.slug, entry(w.A.clinics[1].id, w.A.contacts[1]!.id, a.calendars[1]!)) },
        { who: "staffA", attempt: "the other clinic's contact on their own clinic's waitlist", call: () => call(w.A.organization.slug, entry(w.A.clinics[0].id, w.A.contacts[1]!.id, a.calendars[0]!)) },
        { who: "outsider", attempt: "a stranger", call: () => call(w.A.organization.slug, entry(w.A.clinics[0].id, w.A.contacts[0]!.id, a.calendars[0]!)), refusals: STRANGER },
      ];
    },
    [REMOVE]: (w) => recordAttacks(w, REMOVE, (s) => s.entries, (entryId) => ({ entryId })),
    [WITHDRAW]: (w) => recordAttacks(w, WITHDRAW, (s) => s.sentOffers, (offerId) => ({ offerId })),
    [UNDO]: (w) => recordAttacks(w, UNDO, (s) => s.bookedOffers, (offerId) => ({ offerId })),
  },
  routes: {
    "app/api/cron/prevention/route.ts": ({ sessions }) => [
      { who: "ownerA", attempt: "run prevention with a session instead of the cron secret", request: () => new Request("http://localhost:3000/api/cron/prevention", { headers: sessions.ownerA }), statuses: [401] },
      { who: "staffA", attempt: "run prevention as clinic staff", request: () => new Request("http://localhost:3000/api/cron/prevention", { headers: sessions.staffA }), statuses: [401] },
      { who: "outsider", attempt: "run prevention without the cron secret", request: () => new Request("http://localhost:3000/api/cron/prevention"), statuses: [401] },
    ],
    // The InboundMessage type of GHL's webhook: unsigned replies "from" B's patient, or the other clinic's, are refused before anything is stored.
    "app/api/webhooks/ghl/route.ts": ({ A, B }) => [
      {
        who: "outsider",
        attempt: "unsigned 'C' reply from B's patient",
        request: () =>
          new Request("http://localhost:3000/api/webhooks/ghl", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ type: "InboundMessage", locationId: B.clinics[0].ghlLocationId, contactId: B.contacts[0]!.ghlContactId, messageId: "m-b", messageType: "SMS", direction: "inbound", body: "C", webhookId: "w-sms-b", timestamp: new Date().toISOString() }),
          }),
        statuses: [401],
      },
      {
        who: "staffA",
        attempt: "unsigned 'YES' from the other clinic's patient",
        request: () =>
          new Request("http://localhost:3000/api/webhooks/ghl", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ type: "InboundMessage", locationId: A.clinics[1].ghlLocationId, contactId: A.contacts[1]!.ghlContactId, messageId: "m-a", messageType: "SMS", direction: "inbound", body: "YES", webhookId: "w-sms-a", timestamp: new Date().toISOString() }),
          }),
        statuses: [401],
      },
    ],
  },
};
