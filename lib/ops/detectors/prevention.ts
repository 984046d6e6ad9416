import "server-only";
import type { DetectedFinding, Detector, DetectorContext } from "@/lib/ops/findings";
import { formatInZone } from "@/lib/time/zoned";

/**
 * No-show prevention's part of the queue:
 * - `prevention.call_to_confirm`: a risky appointment whose confirmation text got no answer by
 *   its deadline, a "no", or could not be sent (DND, no phone, GHL refused) — still ahead and not
 *   confirmed: the front desk calls.
 * - `waitlist.backfilled`: a freed slot booked from the waitlist in the last day, so the front
 *   desk knows who is coming instead (and can undo it from the waitlist page).
 * - `waitlist.taken_slot`: someone said yes to an offered slot GHL would no longer book.
 */

export const BACKFILL_NOTICE_MS = 24 * 3_600_000;

export interface OpenRequest {
  appointmentId: string;
  locationId: string;
  timezone: string;
  status: string;
  deadlineAt: Date;
  riskScore: number;
  startTime: Date;
  appointmentStatus: string;
  contact: { id: string; name: string; phone: string | null };
}

export interface OfferNotice {
  offerId: string;
  locationId: string;
  timezone: string;
  status: string;
  updatedAt: Date;
  startTime: Date;
  contact: { id: string; name: string; phone: string | null };
  detail: string | null;
  accepted: boolean;
}

const WHY: Record<string, string> = {
  sent: "got no reply by the deadline",
  no_reply: "got no reply by the deadline",
  declined: "was answered with a no",
  skipped: "could not be sent (do-not-disturb or no phone in GoHighLevel)",
  failed: "was refused by GoHighLevel",
};

export function preventionRule(input: { requests: OpenRequest[]; offers: OfferNotice[]; now: Date; orgSlug: string }): DetectedFinding[] {
  const base = `/agency/${input.orgSlug}/admin`;
  const out: DetectedFinding[] = [];
  for (const r of input.requests) {
    if (r.startTime <= input.now) continue;
    if (r.appointmentStatus !== "new") continue;
    if (r.status === "confirmed") continue;
    if (r.status === "sent" && r.deadlineAt > input.now) continue;
    const at = formatInZone(r.startTime, r.timezone, { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
    const href = `${base}/calendar/appointments/${r.appointmentId}`;
    out.push({
      locationId: r.locationId,
      kind: "prevention.call_to_confirm",
      subjectKey: r.appointmentId,
      severity: "high",
      title: `Call to confirm: ${r.contact.name}, ${at}`,
      reason: `The confirmation text for ${r.contact.name}'s appointment on ${at} (no-show risk ${Math.round(r.riskScore * 100)}%) ${WHY[r.status] ?? "has no answer"}.${r.contact.phone ? ` Call ${r.contact.phone}.` : ""}`,
      records: [
        { label: "Appointment", href },
        { label: r.contact.name, href: `${base}/contacts/${r.contact.id}` },
      ],
      action: { kind: "appointment.open", label: "Open to confirm or call", href },
      priority: r.riskScore,
    });
  }
  for (const o of input.offers) {
    const at = formatInZone(o.startTime, o.timezone, { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
    // The clinic's own waitlist tab: the front desk (clinic staff) can open it, and so can owners and admins.
    const href = `/agency/${input.orgSlug}/clinic/${o.locationId}/waitlist`;
    if (o.status === "booked" && input.now.getTime() - o.updatedAt.getTime() < BACKFILL_NOTICE_MS) {
      out.push({
        locationId: o.locationId,
        kind: "waitlist.backfilled",
        subjectKey: o.offerId,
        severity: "low",
        title: `Filled from the waitlist: ${o.contact.name}, ${at}`,
        reason: `${o.contact.name} took the freed slot on ${at} by text and is booked in GoHighLevel. Undo it from the waitlist page if it should not stand.`,
        records: [{ label: "Waitlist", href }],
        action: { kind: "link", label: "Open the waitlist", href },
      });
    }
    if (o.status === "failed" && o.accepted && o.startTime > input.now) {
      out.push({
        locationId: o.locationId,
        kind: "waitlist.taken_slot",
        subjectKey: o.offerId,
        severity: "medium",
        title: `Said yes to a slot that was gone: ${o.contact.name}`,
        reason: `${o.contact.name} answered yes to the slot on ${at}, but GoHighLevel would not book it (${o.detail ?? "the slot is no longer free"}).${o.contact.phone ? ` Call ${o.contact.phone}.` : ""}`,
        records: [{ label: "Waitlist", href }],
        action: { kind: "link", label: "Open the waitlist", href },
      });
    }
  }
  return out;
}

const nameOf = (c: { firstName: string | null; lastName: string | null } | null) => [c?.firstName, c?.lastName].filter(Boolean).join(" ") || "A patient";

export const preventionDetector: Detector = {
  kinds: ["prevention.call_to_confirm", "waitlist.backfilled", "waitlist.taken_slot"],
  async run(ctx: DetectorContext) {
    const [requests, offers, clinics] = await Promise.all([
      ctx.db.confirmationRequest.findMany({ where: { status: { in: ["sent", "no_reply", "declined", "skipped", "failed"] }, deadlineAt: { lte: new Date(ctx.now.getTime() + 7 * 86_400_000) } }, take: 2000 }),
      ctx.db.waitlistOffer.findMany({ where: { OR: [{ status: "booked", updatedAt: { gte: new Date(ctx.now.getTime() - BACKFILL_NOTICE_MS) } }, { status: "failed", detail: { not: null } }] }, include: { opening: true }, take: 500 }),
      ctx.db.location.findMany({ select: { id: true, timezone: true } }),
    ]);
    const tz = new Map(clinics.map((c) => [c.id, c.timezone]));
    const appointmentIds = requests.map((r) => r.appointmentId);
    const contactIds = [...new Set([...requests.map((r) => r.contactId), ...offers.map((o) => o.contactId)])];
    const [appointments, contacts, accepted] = await Promise.all([
      ctx.db.appointment.findMany({ where: { id: { in: appointmentIds }, deletedAt: null }, select: { id: true, startTime: true, status: true } }),
      ctx.db.contact.findMany({ where: { id: { in: contactIds } }, select: { id: true, firstName: true, lastName: true, phone: true } }),
      ctx.db.preventionMessage.findMany({ where: { offerId: { in: offers.map((o) => o.id) }, direction: "inbound", status: "accepted" }, select: { offerId: true } }),
    ]);
    const apptBy = new Map(appointments.map((a) => [a.id, a]));
    const contactBy = new Map(contacts.map((c) => [c.id, c]));
    const acceptedIds = new Set(accepted.map((m) => m.offerId));
    const person = (id: string) => {
      const c = contactBy.get(id) ?? null;
      return { id, name: nameOf(c), phone: c?.phone ?? null };
    };
    return preventionRule({
      now: ctx.now,
      orgSlug: ctx.orgSlug,
      requests: requests.flatMap((r) => {
        const a = apptBy.get(r.appointmentId);
        return a ? [{ ...r, timezone: tz.get(r.locationId) ?? "UTC", startTime: a.startTime, appointmentStatus: a.status, contact: person(r.contactId) }] : [];
      }),
      offers: offers.map((o) => ({
        offerId: o.id,
        locationId: o.locationId,
        timezone: tz.get(o.locationId) ?? "UTC",
        status: o.status,
        updatedAt: o.updatedAt,
        startTime: o.opening.startTime,
        contact: person(o.contactId),
        detail: o.detail,
        accepted: acceptedIds.has(o.id),
      })),
    });
  },
};
