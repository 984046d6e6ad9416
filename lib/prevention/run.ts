import "server-only";
import { forOrg, type OrgDb } from "@/lib/db";
import { systemDb } from "@/lib/db/system";
import { Prisma } from "@/lib/generated/prisma/client";
import { locationApi } from "@/lib/ghl/api";
import { ghlRefusal, GhlHttpError } from "@/lib/ghl/http";
import { log } from "@/lib/log";
import { NO_SHOW_RISK, type NoShowRiskLookup } from "@/lib/ops/risk";
import {
  confirmationText,
  decideConfirmation,
  DEFAULT_POLICY,
  isQuietTime,
  offerText,
  replyDeadline,
  smsBlockedByDnd,
  type Policy,
} from "@/lib/prevention/policy";
import { isOfferable, nextEntry, type EntryForMatch } from "@/lib/prevention/waitlist";

/**
 * The prevention run (the /api/cron/prevention tick): per clinic, confirmation requests for risky
 * appointments whose window is open, requests past their deadline marked unanswered, freed slots
 * found and offered to the waitlist one contact at a time. Every SMS goes through GHL's
 * Conversations API, after reading the contact from GHL for its current DND flags, and every
 * message (sent, refused, or not sent and why) is logged in PreventionMessage.
 */

export interface PreventionClinic {
  id: string;
  name: string;
  timezone: string;
  ghlLocationId: string;
}

export interface PreventionSummary {
  clinics: number;
  requested: number;
  skipped: number;
  failed: number;
  unanswered: number;
  openings: number;
  offered: number;
  exhausted: number;
}

const empty = (): PreventionSummary => ({ clinics: 0, requested: 0, skipped: 0, failed: 0, unanswered: 0, openings: 0, offered: 0, exhausted: 0 });

function sendFailure(err: unknown): string {
  if (err instanceof GhlHttpError) return `GoHighLevel answered ${err.status}: ${ghlRefusal(err)}`.slice(0, 500);
  return (err instanceof Error ? err.message : String(err)).slice(0, 500);
}

export function policyOf(row: { enabled: boolean; riskThreshold: number; hoursBefore: number; replyDeadlineHours: number; quietStartMinute: number; quietEndMinute: number; offerWindowMinutes: number } | null): Policy {
  return row ? { ...row } : DEFAULT_POLICY;
}

/** The contact as GHL has it now: DND flags change in GHL (a STOP reply), so they are read, not trusted from a copy. */
async function currentContact(api: ReturnType<typeof locationApi>, ghlContactId: string) {
  const { contact } = await api.getContact(ghlContactId);
  return contact;
}

async function logMessage(db: OrgDb, data: Omit<Prisma.PreventionMessageUncheckedCreateInput, "organizationId">) {
  await db.preventionMessage.create({ data: { ...data, organizationId: db.organizationId } });
}

async function sendConfirmations(db: OrgDb, clinic: PreventionClinic, policy: Policy, now: Date, risk: NoShowRiskLookup | null, summary: PreventionSummary) {
  const from = new Date(now.getTime() + (policy.replyDeadlineHours + 1) * 3_600_000);
  const to = new Date(now.getTime() + policy.hoursBefore * 3_600_000);
  const appointments = await db.appointment.findMany({
    where: { locationId: clinic.id, provider: "ghl", status: "new", deletedAt: null, contactId: { not: null }, startTime: { gt: from, lte: to } },
    select: { id: true, externalId: true, startTime: true, status: true, deletedAt: true, contactId: true },
    orderBy: { startTime: "asc" },
    take: 500,
  });
  if (appointments.length === 0) return;
  const ids = appointments.map((a) => a.id);
  const [asked, scores] = await Promise.all([
    db.confirmationRequest.findMany({ where: { appointmentId: { in: ids } }, select: { appointmentId: true } }),
    risk ? risk(db, ids) : Promise.resolve(new Map<string, { score: number }>()),
  ]);
  const askedIds = new Set(asked.map((a) => a.appointmentId));
  const api = locationApi(db.organizationId, clinic);
  for (const appointment of appointments) {
    const decision = decideConfirmation(
      { ...appointment, hasContact: appointment.contactId !== null, risk: scores.get(appointment.id)?.score, alreadyRequested: askedIds.has(appointment.id) },
      policy,
      now,
      clinic.timezone,
    );
    if (decision.action !== "send") continue;
    const contact = await db.contact.findUnique({ where: { id: appointment.contactId! }, select: { id: true, ghlContactId: true, firstName: true, phone: true, deletedAt: true } });
    if (!contact || contact.deletedAt) continue;
    let ghlContact;
    try {
      ghlContact = await currentContact(api, contact.ghlContactId);
    } catch (err) {
      // GHL unreachable: nothing is claimed, the next run tries again while the window is open.
      log.warn({ err, appointmentId: appointment.id }, "prevention: GHL contact read failed; will try again");
      continue;
    }
    const base = { locationId: clinic.id, appointmentId: appointment.id, contactId: contact.id, riskScore: scores.get(appointment.id)!.score, sentAt: now, deadlineAt: replyDeadline(appointment.startTime, policy) };
    const body = confirmationText({ firstName: contact.firstName, clinicName: clinic.name, startTime: appointment.startTime, timezone: clinic.timezone });
    const blocked = smsBlockedByDnd(ghlContact) ? "The contact is on do-not-disturb for SMS in GoHighLevel." : !(ghlContact.phone ?? contact.phone) ? "The contact has no phone number." : null;
    // The claim: one request per appointment and contact, whatever runs at once.
    try {
      await db.confirmationRequest.create({ data: { ...base, organizationId: db.organizationId, status: blocked ? "skipped" : "sent" } });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") continue;
      throw err;
    }
    const logged = { locationId: clinic.id, direction: "outbound", kind: "confirmation", contactId: contact.id, ghlContactId: contact.ghlContactId, appointmentId: appointment.id, body };
    if (blocked) {
      summary.skipped += 1;
      await logMessage(db, { ...logged, status: "skipped", detail: blocked });
      continue;
    }
    try {
      const sent = await api.sendSms({ contactId: contact.ghlContactId, message: body, appointmentId: appointment.externalId });
      summary.requested += 1;
      await logMessage(db, { ...logged, status: "sent", ghlMessageId: sent.messageId });
    } catch (err) {
      summary.failed += 1;
      await db.confirmationRequest.update({ where: { appointmentId_contactId: { appointmentId: appointment.id, contactId: contact.id } }, data: { status: "failed" } });
      await logMessage(db, { ...logged, status: "failed", detail: sendFailure(err) });
    }
  }
}

/** Freed slots of a clinic: cancelled or no-show appointments still ahead, on a calendar someone waits for. */
async function findOpenings(db: OrgDb, clinic: PreventionClinic, now: Date, summary: PreventionSummary) {
  const calendars = await db.waitlistEntry.findMany({ where: { locationId: clinic.id, status: "active" }, select: { ghlCalendarId: true }, distinct: ["ghlCalendarId"] });
  if (calendars.length === 0) return;
  const freed = await db.appointment.findMany({
    where: {
      locationId: clinic.id,
      provider: "ghl",
      status: { in: ["cancelled", "noshow"] },
      calendarId: { in: calendars.map((c) => c.ghlCalendarId) },
      startTime: { gte: new Date(now.getTime() + 60 * 60_000), lte: new Date(now.getTime() + 30 * 86_400_000) },
    },
    select: { id: true, calendarId: true, startTime: true, endTime: true },
    take: 200,
  });
  if (freed.length === 0) return;
  const { count } = await db.slotOpening.createMany({
    data: freed.map((a) => ({ organizationId: db.organizationId, locationId: clinic.id, appointmentId: a.id, ghlCalendarId: a.calendarId!, startTime: a.startTime, endTime: a.endTime })),
    skipDuplicates: true,
  });
  summary.openings += count;
}

async function offerOpenings(db: OrgDb, clinic: PreventionClinic, policy: Policy, now: Date, summary: PreventionSummary) {
  const openings = await db.slotOpening.findMany({ where: { locationId: clinic.id, status: "offering" }, include: { offers: true }, orderBy: { startTime: "asc" } });
  if (openings.length === 0) return;
  // Unanswered offers past their window: expired, so the next entry can be asked.
  await db.waitlistOffer.updateMany({ where: { locationId: clinic.id, status: "sent", expiresAt: { lte: now } }, data: { status: "expired" } });
  const entries = await db.waitlistEntry.findMany({ where: { locationId: clinic.id, status: "active" } });
  const forMatch: EntryForMatch[] = entries.map((e) => ({ ...e, expiresOn: e.expiresOn.toISOString().slice(0, 10) }));
  const busy = new Set((await db.waitlistOffer.findMany({ where: { locationId: clinic.id, status: "sent", expiresAt: { gt: now } }, select: { contactId: true } })).map((o) => o.contactId));
  const api = locationApi(db.organizationId, clinic);
  for (const opening of openings) {
    const waiting = opening.offers.some((o) => o.status === "sent" && o.expiresAt > now);
    if (waiting) continue;
    // Offers that went out count, withdrawn ones too (the person got the text); a send that failed does not.
    const counted = opening.offers.filter((o) => o.status !== "failed").length;
    const freedBy = await db.appointment.findUnique({ where: { id: opening.appointmentId }, select: { contactId: true, status: true, deletedAt: true } });
    if (freedBy && freedBy.status !== "cancelled" && freedBy.status !== "noshow" && !freedBy.deletedAt) {
      // The appointment came back (un-cancelled in GHL): the slot is not free any more.
      await db.slotOpening.update({ where: { id: opening.id }, data: { status: "cancelled" } });
      continue;
    }
    const next = isOfferable(opening.startTime, now)
      ? nextEntry(forMatch, { ghlCalendarId: opening.ghlCalendarId, startTime: opening.startTime, freedByContactId: freedBy?.contactId ?? null }, { entryIds: new Set(opening.offers.map((o) => o.entryId)), count: counted }, busy, now, clinic.timezone)
      : null;
    if (!next) {
      // Three offers made, or the slot is too close: nobody more is asked. A slot with no match
      // yet keeps waiting for an entry that fits while it is still ahead.
      if (counted >= 3 || !isOfferable(opening.startTime, now)) {
        await db.slotOpening.update({ where: { id: opening.id }, data: { status: "exhausted" } });
        summary.exhausted += 1;
      }
      continue;
    }
    if (isQuietTime(now, clinic.timezone, policy.quietStartMinute, policy.quietEndMinute)) continue;
    const contact = await db.contact.findUnique({ where: { id: next.contactId }, select: { id: true, ghlContactId: true, firstName: true, phone: true, deletedAt: true } });
    if (!contact || contact.deletedAt) continue;
    let blocked: string | null = null;
    try {
      const ghlContact = await currentContact(api, contact.ghlContactId);
      blocked = smsBlockedByDnd(ghlContact) ? "The contact is on do-not-disturb for SMS in GoHighLevel." : !(ghlContact.phone ?? contact.phone) ? "The contact has no phone number." : null;
    } catch (err) {
      log.warn({ err, openingId: opening.id }, "prevention: GHL contact read failed; will offer later");
      continue;
    }
    const body = offerText({ firstName: contact.firstName, clinicName: clinic.name, startTime: opening.startTime, timezone: clinic.timezone, windowMinutes: policy.offerWindowMinutes });
    const expiresAt = new Date(now.getTime() + policy.offerWindowMinutes * 60_000);
    let offerId: string;
    try {
      const offer = await db.waitlistOffer.create({
        data: { organizationId: db.organizationId, locationId: clinic.id, openingId: opening.id, entryId: next.id, contactId: contact.id, status: blocked ? "failed" : "sent", sentAt: now, expiresAt, detail: blocked },
      });
      offerId = offer.id;
    } catch (err) {
      // Another run offered this slot meanwhile (one unanswered offer per slot, one offer per entry).
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") continue;
      throw err;
    }
    const logged = { locationId: clinic.id, direction: "outbound", kind: "waitlist_offer", contactId: contact.id, ghlContactId: contact.ghlContactId, appointmentId: opening.appointmentId, offerId, body };
    if (blocked) {
      await logMessage(db, { ...logged, status: "skipped", detail: blocked });
      continue;
    }
    try {
      const sent = await api.sendSms({ contactId: contact.ghlContactId, message: body });
      busy.add(contact.id);
      summary.offered += 1;
      await logMessage(db, { ...logged, status: "sent", ghlMessageId: sent.messageId });
    } catch (err) {
      await db.waitlistOffer.update({ where: { id: offerId }, data: { status: "failed", detail: sendFailure(err) } });
      await logMessage(db, { ...logged, status: "failed", detail: sendFailure(err) });
    }
  }
}

export interface PreventionOptions {
  now?: Date;
  /** The no-show scorer; the connected one (lib/ops/risk.ts) by default. */
  risk?: NoShowRiskLookup | null;
}

export async function runPreventionForOrg(organizationId: string, options: PreventionOptions = {}): Promise<PreventionSummary> {
  const now = options.now ?? new Date();
  const risk = options.risk === undefined ? NO_SHOW_RISK : options.risk;
  const db = forOrg(organizationId);
  const summary = empty();
  const [policies, waitlisted] = await Promise.all([
    db.preventionPolicy.findMany({}),
    db.waitlistEntry.findMany({ where: { status: "active" }, select: { locationId: true }, distinct: ["locationId"] }),
  ]);
  const clinicIds = [...new Set([...policies.filter((p) => p.enabled).map((p) => p.locationId), ...waitlisted.map((w) => w.locationId)])];
  if (clinicIds.length === 0) return summary;
  const clinics = await db.location.findMany({ where: { id: { in: clinicIds }, ghlUninstalledAt: null }, select: { id: true, name: true, timezone: true, ghlLocationId: true } });
  const policyBy = new Map(policies.map((p) => [p.locationId, p]));
  for (const clinic of clinics) {
    summary.clinics += 1;
    const row = policyBy.get(clinic.id) ?? null;
    const policy = policyOf(row);
    try {
      if (row?.enabled) await sendConfirmations(db, clinic, policy, now, risk, summary);
      const { count } = await db.confirmationRequest.updateMany({ where: { locationId: clinic.id, status: "sent", deadlineAt: { lte: now } }, data: { status: "no_reply" } });
      summary.unanswered += count;
      await findOpenings(db, clinic, now, summary);
      await offerOpenings(db, clinic, policy, now, summary);
    } catch (err) {
      // One clinic's failure (its GHL down, say) must not stop the others.
      log.error({ err, locationId: clinic.id }, "prevention run failed for a clinic");
    }
  }
  return summary;
}

/** Every agency with a policy or a waitlist: identifiers across tenants, then each through forOrg. */
export async function runPreventionForAllAgencies(now: Date, deadline: number): Promise<Record<string, number>> {
  const orgs = await systemDb("prevention.fan-out").preventionPolicy.findMany({ where: { enabled: true }, select: { organizationId: true }, distinct: ["organizationId"] });
  const waitlists = await systemDb("prevention.fan-out").waitlistEntry.findMany({ where: { status: "active" }, select: { organizationId: true }, distinct: ["organizationId"] });
  const ids = [...new Set([...orgs, ...waitlists].map((o) => o.organizationId))];
  const total = { agencies: 0, ...empty() } as Record<string, number>;
  for (const id of ids) {
    if (Date.now() > deadline) break;
    const summary = await runPreventionForOrg(id, { now });
    total.agencies! += 1;
    for (const [key, value] of Object.entries(summary)) total[key] = (total[key] ?? 0) + value;
  }
  return total;
}
