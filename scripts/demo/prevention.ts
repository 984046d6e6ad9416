import { DEMO_AGENCY, DEMO_CLINICS, type DemoAppointment, type DemoContact } from "@/scripts/demo/data";
import { demoCalendarIdOf } from "@/scripts/demo/noshow";
import { confirmationText, DEFAULT_POLICY, offerText } from "@/lib/prevention/policy";
import { zonedDateKey } from "@/lib/time/zoned";

/**
 * The demo's no-show prevention: a policy per clinic, the confirmation texts of a few upcoming
 * visits (awaiting their answer, unanswered past the deadline, not sent because of DND), a
 * waitlist of three at the first clinic, and a cancelled slot offered to the first of them.
 */

/**
 * The confirmation requests' outcomes, dealt in turn across the agency's clinics rather than per
 * clinic: how many unconfirmed visits a clinic has in the window moves with the hour (the demo's
 * everyday visits sit on days counted from today's UTC date), and at some hours no clinic has three,
 * while the agency as a whole always has at least three, so every outcome is shown at any hour.
 */
const REQUEST_OUTCOMES = ["sent", "no_reply", "skipped"] as const;

const HOUR = 3_600_000;
const org = DEMO_AGENCY.id;

export function demoPrevention(appointments: DemoAppointment[], contacts: DemoContact[], now: Date) {
  const contactBy = new Map(contacts.map((c) => [c.id, c]));
  const policies = DEMO_CLINICS.map((clinic) => ({
    id: `pp_${clinic.id.slice(4)}`,
    organizationId: org,
    locationId: clinic.id,
    ...DEFAULT_POLICY,
    enabled: true,
  }));
  const requests: Array<Record<string, unknown> & { id: string }> = [];
  const messages: Array<Record<string, unknown> & { id: string }> = [];
  const entries: Array<Record<string, unknown> & { id: string }> = [];
  const openings: Array<Record<string, unknown> & { id: string }> = [];
  const offers: Array<Record<string, unknown> & { id: string }> = [];
  let dealt = 0;
  for (const clinic of DEMO_CLINICS) {
    const key = clinic.id.slice(4);
    const upcoming = appointments
      .filter((a) => a.locationId === clinic.id && a.status === "new" && a.startTime.getTime() > now.getTime() + 26 * HOUR && a.startTime.getTime() < now.getTime() + 7 * 24 * HOUR)
      .sort((a, b) => a.startTime.getTime() - b.startTime.getTime())
      .slice(0, 3);
    upcoming.forEach((a, i) => {
      const contact = contactBy.get(a.contactId);
      const status = REQUEST_OUTCOMES[dealt++ % REQUEST_OUTCOMES.length]!;
      // The unanswered text went out two days before its visit, or two hours ago for a visit further off: never after now.
      const sentAt = status === "no_reply" ? new Date(Math.min(a.startTime.getTime() - 48 * HOUR, now.getTime() - 2 * HOUR)) : new Date(now.getTime() - (i + 1) * HOUR);
      // The unanswered one's deadline has passed in the demo's story: its visit is still ahead, the deadline set just before now.
      const deadlineAt = status === "no_reply" ? new Date(now.getTime() - 30 * 60_000) : new Date(a.startTime.getTime() - 24 * HOUR);
      requests.push({ id: `cr_${key}_${i}`, organizationId: org, locationId: clinic.id, appointmentId: a.id, contactId: a.contactId, riskScore: [0.46, 0.38, 0.52][i]!, status, sentAt, deadlineAt });
      messages.push({
        id: `pm_${key}_c${i}`,
        organizationId: org,
        locationId: clinic.id,
        direction: "outbound",
        kind: "confirmation",
        status: status === "skipped" ? "skipped" : "sent",
        contactId: a.contactId,
        ghlContactId: contact?.ghlContactId ?? null,
        appointmentId: a.id,
        body: confirmationText({ firstName: contact?.firstName ?? null, clinicName: clinic.name, startTime: a.startTime, timezone: clinic.timezone }),
        detail: status === "skipped" ? "The contact is on do-not-disturb for SMS in GoHighLevel." : null,
        createdAt: sentAt,
      });
    });
  }

  // The first clinic's waitlist and one freed slot being offered.
  const clinic = DEMO_CLINICS[0]!;
  const key = clinic.id.slice(4);
  const calendar = demoCalendarIdOf(clinic.id);
  const waiting = contacts.filter((c) => c.locationId === clinic.id).slice(-3);
  const expiresOn = new Date(`${zonedDateKey(new Date(now.getTime() + 21 * 24 * HOUR), clinic.timezone)}T00:00:00Z`);
  waiting.forEach((c, i) =>
    entries.push({
      id: `wl_${key}_${i}`,
      organizationId: org,
      locationId: clinic.id,
      contactId: c.id,
      ghlCalendarId: calendar,
      preferredDays: i === 1 ? [1, 3, 5] : [],
      preferredFromMinute: i === 2 ? 12 * 60 : 9 * 60,
      preferredToMinute: 18 * 60,
      expiresOn,
      note: ["Wants an earlier Myers' Cocktail", "Mon/Wed/Fri only", "Afternoons"][i]!,
      createdAt: new Date(now.getTime() - (10 - i) * 24 * HOUR),
    }),
  );
  const freed = appointments
    .filter((a) => a.locationId === clinic.id && a.status === "cancelled" && a.startTime.getTime() > now.getTime() + 3 * HOUR)
    .sort((a, b) => a.startTime.getTime() - b.startTime.getTime())[0];
  const first = waiting[0];
  if (freed && first) {
    openings.push({ id: `so_${key}_0`, organizationId: org, locationId: clinic.id, appointmentId: freed.id, ghlCalendarId: calendar, startTime: freed.startTime, endTime: freed.endTime, status: "offering" });
    const sentAt = new Date(now.getTime() - 10 * 60_000);
    offers.push({ id: `wo_${key}_0`, organizationId: org, locationId: clinic.id, openingId: `so_${key}_0`, entryId: `wl_${key}_0`, contactId: first.id, status: "sent", sentAt, expiresAt: new Date(sentAt.getTime() + 30 * 60_000) });
    messages.push({
      id: `pm_${key}_o0`,
      organizationId: org,
      locationId: clinic.id,
      direction: "outbound",
      kind: "waitlist_offer",
      status: "sent",
      contactId: first.id,
      ghlContactId: first.ghlContactId,
      appointmentId: freed.id,
      offerId: `wo_${key}_0`,
      body: offerText({ firstName: first.firstName, clinicName: clinic.name, startTime: freed.startTime, timezone: clinic.timezone, windowMinutes: 30 }),
      createdAt: sentAt,
    });
  }
  // A text from a number the clinic does not know: logged, nothing done.
  messages.push({
    id: `pm_${key}_unknown`,
    organizationId: org,
    locationId: clinic.id,
    direction: "inbound",
    kind: "reply",
    status: "unknown_contact",
    ghlContactId: "demo-ghl-unknown-sender",
    body: "Yes",
    detail: "No contact of this clinic in Sidecar has this number; nothing was changed or sent.",
    createdAt: new Date(now.getTime() - 2 * HOUR),
  });
  return { policies, requests, messages, entries, openings, offers };
}
