import "server-only";
import type { DetectedFinding, Detector, DetectorContext } from "@/lib/ops/findings";
import { addDays, latestGfeExpiry } from "@/lib/oversight/checks";
import { formatInZone, zonedDateKey } from "@/lib/time/zoned";

/**
 * Good-faith exams running out within 14 days for patients booked ahead in a service that
 * needs one: renew the exam before the visit rather than turning the patient away at the desk.
 * One finding per patient; high when the exam ends before their next visit.
 */

export const GFE_EXPIRY_WINDOW_DAYS = 14;
/** How far ahead a booking counts as "booked ahead". */
export const GFE_BOOKED_AHEAD_DAYS = 60;

export interface GfeExpiringPatient {
  contactId: string;
  locationId: string;
  clinicName: string;
  timezone: string;
  patient: string;
  nextVisit: { id: string; startTime: Date };
  gfes: Array<{ expiresOn: string }>;
}

export function gfeExpiringRule(input: { patients: GfeExpiringPatient[]; now: Date; orgSlug: string }): DetectedFinding[] {
  const out: DetectedFinding[] = [];
  for (const p of input.patients) {
    const today = zonedDateKey(input.now, p.timezone);
    const expiry = latestGfeExpiry(p.gfes);
    if (expiry === null || expiry < today || expiry > addDays(today, GFE_EXPIRY_WINDOW_DAYS)) continue;
    const visitDay = zonedDateKey(p.nextVisit.startTime, p.timezone);
    const beforeVisit = expiry < visitDay;
    const visit = formatInZone(p.nextVisit.startTime, p.timezone, { weekday: "short", month: "short", day: "numeric" });
    const patientHref = `/agency/${input.orgSlug}/admin/contacts/${p.contactId}`;
    out.push({
      locationId: p.locationId,
      kind: "appointments.gfe_expiring",
      subjectKey: p.contactId,
      severity: beforeVisit ? "high" : "medium",
      title: `${p.patient}: good-faith exam expires ${expiry}`,
      reason: beforeVisit
        ? `The exam is valid through ${expiry}, before their visit on ${visit} at ${p.clinicName}, which needs a current GFE. Book a new exam first.`
        : `The exam is valid through ${expiry}, within ${GFE_EXPIRY_WINDOW_DAYS} days; their next visit is ${visit} at ${p.clinicName}. Renew it before the following visit.`,
      records: [
        { label: p.patient, href: patientHref },
        { label: `Visit ${visit}`, href: `/agency/${input.orgSlug}/admin/calendar/appointments/${p.nextVisit.id}` },
      ],
      action: { kind: "link", label: "Record the new exam", href: patientHref },
      priority: -Date.parse(`${expiry}T00:00:00Z`) / 86_400_000,
    });
  }
  return out;
}

export const gfeExpiringDetector: Detector = {
  kinds: ["appointments.gfe_expiring"],
  async run(ctx: DetectorContext) {
    const rules = await ctx.db.serviceRule.findMany({ where: { gfeRequired: true }, select: { locationId: true, ghlCalendarId: true } });
    if (rules.length === 0) return [];
    const appointments = await ctx.db.appointment.findMany({
      where: {
        deletedAt: null,
        status: { in: ["new", "confirmed"] },
        startTime: { gte: ctx.now, lt: new Date(ctx.now.getTime() + GFE_BOOKED_AHEAD_DAYS * 86_400_000) },
        contactId: { not: null },
        OR: rules.map((r) => ({ locationId: r.locationId, calendarId: r.ghlCalendarId })),
      },
      orderBy: { startTime: "asc" },
      select: { id: true, startTime: true, contactId: true, locationId: true, contact: { select: { firstName: true, lastName: true } }, location: { select: { name: true, timezone: true } } },
    });
    const next = new Map<string, (typeof appointments)[number]>();
    for (const a of appointments) if (!next.has(a.contactId!)) next.set(a.contactId!, a);
    const gfes = next.size ? await ctx.db.gfeRecord.findMany({ where: { contactId: { in: [...next.keys()] } }, select: { contactId: true, expiresOn: true } }) : [];
    return gfeExpiringRule({
      now: ctx.now,
      orgSlug: ctx.orgSlug,
      patients: [...next.values()].map((a) => ({
        contactId: a.contactId!,
        locationId: a.locationId,
        clinicName: a.location.name,
        timezone: a.location.timezone,
        patient: [a.contact?.firstName, a.contact?.lastName].filter(Boolean).join(" ") || "A patient",
        nextVisit: { id: a.id, startTime: a.startTime },
        gfes: gfes.filter((g) => g.contactId === a.contactId).map((g) => ({ expiresOn: g.expiresOn.toISOString().slice(0, 10) })),
      })),
    });
  },
};
