import "server-only";
import type { DetectedFinding, Detector, DetectorContext } from "@/lib/ops/findings";
import { addDays, visitWarnings, type CurrentTemplate, type PatientRecords, type ServiceRuleLike } from "@/lib/oversight/checks";
import { formatInZone, zonedDateKey, zonedWallTime } from "@/lib/time/zoned";

/**
 * Tomorrow's visits (the clinic's tomorrow) in a service whose consent form is not signed at its
 * current version: send the form tonight instead of holding the chair tomorrow. One per visit.
 */

export interface ConsentVisit {
  id: string;
  locationId: string;
  clinicName: string;
  timezone: string;
  patient: string;
  startTime: Date;
  rule: ServiceRuleLike;
  template: CurrentTemplate | null;
  records: PatientRecords;
}

export function consentMissingTomorrowRule(input: { visits: ConsentVisit[]; now: Date; orgSlug: string }): DetectedFinding[] {
  const out: DetectedFinding[] = [];
  for (const v of input.visits) {
    if (zonedDateKey(v.startTime, v.timezone) !== addDays(zonedDateKey(input.now, v.timezone), 1)) continue;
    const warning = visitWarnings({ startTime: v.startTime, timezone: v.timezone, rule: { ...v.rule, gfeRequired: false }, template: v.template, records: v.records })[0];
    if (!warning?.consent) continue;
    const when = formatInZone(v.startTime, v.timezone, { weekday: "short", hour: "numeric", minute: "2-digit" });
    const href = `/agency/${input.orgSlug}/admin/calendar/appointments/${v.id}`;
    out.push({
      locationId: v.locationId,
      kind: "appointments.consent_missing",
      subjectKey: v.id,
      severity: "high",
      title: `${v.patient} tomorrow ${when}: ${warning.kind === "consent_outdated" ? "consent out of date" : "consent missing"}`,
      reason: `${warning.message} The visit at ${v.clinicName} needs ${warning.consent.title} version ${warning.consent.version} signed before treatment.`,
      records: [{ label: `${v.patient}, ${when}`, href }],
      action: { kind: "link", label: "Open the appointment", href },
      priority: -v.startTime.getTime() / 3_600_000,
    });
  }
  return out;
}

export const consentMissingTomorrowDetector: Detector = {
  kinds: ["appointments.consent_missing"],
  async run(ctx: DetectorContext) {
    const rules = await ctx.db.serviceRule.findMany({ where: { consentKey: { not: null } } });
    if (rules.length === 0) return [];
    const clinics = await ctx.db.location.findMany({ where: { id: { in: [...new Set(rules.map((r) => r.locationId))] } }, select: { id: true, name: true, timezone: true } });
    const windows = clinics.map((c) => {
      const tomorrow = addDays(zonedDateKey(ctx.now, c.timezone), 1);
      return { clinic: c, start: zonedWallTime(c.timezone, tomorrow), end: zonedWallTime(c.timezone, addDays(tomorrow, 1)) };
    });
    const appointments = await ctx.db.appointment.findMany({
      where: {
        deletedAt: null,
        status: { in: ["new", "confirmed"] },
        contactId: { not: null },
        OR: windows.map((w) => ({ locationId: w.clinic.id, startTime: { gte: w.start, lt: w.end }, calendarId: { in: rules.filter((r) => r.locationId === w.clinic.id).map((r) => r.ghlCalendarId) } })),
      },
      select: { id: true, startTime: true, calendarId: true, contactId: true, locationId: true, contact: { select: { firstName: true, lastName: true } } },
    });
    if (appointments.length === 0) return [];
    const contactIds = [...new Set(appointments.map((a) => a.contactId!))];
    const [templates, consents] = await Promise.all([
      ctx.db.consentTemplate.findMany({ where: { locationId: { in: clinics.map((c) => c.id) } }, orderBy: { version: "desc" }, select: { locationId: true, key: true, title: true, version: true } }),
      ctx.db.signedConsent.findMany({ where: { contactId: { in: contactIds } }, select: { contactId: true, kind: true, consentKey: true, templateVersion: true } }),
    ]);
    const clinicOf = new Map(clinics.map((c) => [c.id, c]));
    return consentMissingTomorrowRule({
      now: ctx.now,
      orgSlug: ctx.orgSlug,
      visits: appointments.map((a) => {
        const rule = rules.find((r) => r.locationId === a.locationId && r.ghlCalendarId === a.calendarId)!;
        const clinic = clinicOf.get(a.locationId)!;
        return {
          id: a.id,
          locationId: a.locationId,
          clinicName: clinic.name,
          timezone: clinic.timezone,
          patient: [a.contact?.firstName, a.contact?.lastName].filter(Boolean).join(" ") || "A patient",
          startTime: a.startTime,
          rule,
          template: templates.find((t) => t.locationId === a.locationId && t.key === rule.consentKey) ?? null,
          records: { gfes: [], consents: consents.filter((c) => c.contactId === a.contactId) },
        };
      }),
    });
  },
};
