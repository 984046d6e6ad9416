import "server-only";
import type { DetectedFinding, Detector, DetectorContext, FindingSeverity } from "@/lib/ops/findings";
import { NO_SHOW_RISK, type NoShowRisk, type NoShowRiskLookup } from "@/lib/ops/risk";
import { matchService, type ServiceDefinition } from "@/lib/ops/services";
import { formatInZone } from "@/lib/time/zoned";

/** Appointments in the next 48 hours still "new" in GHL: someone should confirm or call. */

export const UNCONFIRMED_WINDOW_MS = 48 * 3_600_000;
/** A no-show probability from which an appointment is treated as urgent whatever its time. */
export const HIGH_RISK = 0.5;

export interface UnconfirmedAppointment {
  id: string;
  locationId: string;
  timezone: string;
  startTime: Date;
  title: string | null;
  calendarName: string | null;
  contact: { id: string; firstName: string | null; lastName: string | null; phone: string | null } | null;
}

const money = (cents: number) => `$${(cents / 100).toLocaleString("en-US", { maximumFractionDigits: 0 })}`;

export function unconfirmedAppointmentsRule(input: {
  appointments: UnconfirmedAppointment[];
  services: Array<Pick<ServiceDefinition, "match" | "name" | "priceCents">>;
  risk: Map<string, NoShowRisk> | null;
  now: Date;
  orgSlug: string;
}): DetectedFinding[] {
  const end = input.now.getTime() + UNCONFIRMED_WINDOW_MS;
  const out: DetectedFinding[] = [];
  for (const a of input.appointments) {
    const start = a.startTime.getTime();
    if (start < input.now.getTime() || start >= end) continue;
    const service = matchService(input.services, a);
    const risk = input.risk?.get(a.id);
    const score = risk ? Math.min(1, Math.max(0, risk.score)) : null;
    const soon = start - input.now.getTime() < 24 * 3_600_000;
    const severity: FindingSeverity = soon || (score !== null && score >= HIGH_RISK) ? "high" : "medium";
    const name = [a.contact?.firstName, a.contact?.lastName].filter(Boolean).join(" ") || "A patient";
    const what = service?.name ?? a.title ?? "appointment";
    const at = formatInZone(a.startTime, a.timezone, { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
    const value = service?.priceCents ? `, a ${money(service.priceCents)} visit` : "";
    const riskText = score !== null ? ` No-show risk ${Math.round(score * 100)}%${risk?.reason ? `: ${risk.reason}` : ""}.` : "";
    const phone = a.contact?.phone ? ` Call ${a.contact.phone}.` : "";
    const base = `/agency/${input.orgSlug}/admin`;
    out.push({
      locationId: a.locationId,
      kind: "appointments.unconfirmed",
      subjectKey: a.id,
      severity,
      title: `Unconfirmed: ${name}, ${what}`,
      reason: `${name}'s ${what} on ${at}${value} is not confirmed yet.${riskText}${phone}`,
      records: [
        { label: "Appointment", href: `${base}/calendar/appointments/${a.id}` },
        ...(a.contact ? [{ label: name, href: `${base}/contacts/${a.contact.id}` }] : []),
      ],
      action: { kind: "appointment.open", label: "Open to confirm or call", href: `${base}/calendar/appointments/${a.id}` },
      // Risk first (when scored), then the visit's value; the queue puts the sooner first on ties by age.
      priority: Math.round((score ?? 0) * 1000) + Math.min(999, Math.floor((service?.priceCents ?? 0) / 100)) / 1000,
    });
  }
  return out;
}

export function unconfirmedAppointmentsDetector(riskLookup: NoShowRiskLookup | null = NO_SHOW_RISK): Detector {
  return {
    kinds: ["appointments.unconfirmed"],
    async run(ctx: DetectorContext) {
      const [rows, services, calendars] = await Promise.all([
        ctx.db.appointment.findMany({
          where: { deletedAt: null, status: "new", startTime: { gte: ctx.now, lt: new Date(ctx.now.getTime() + UNCONFIRMED_WINDOW_MS) } },
          select: {
            id: true,
            locationId: true,
            startTime: true,
            title: true,
            calendarId: true,
            location: { select: { timezone: true } },
            contact: { select: { id: true, firstName: true, lastName: true, phone: true } },
          },
        }),
        ctx.db.service.findMany({ select: { name: true, match: true, priceCents: true } }),
        ctx.db.calendar.findMany({ select: { locationId: true, ghlCalendarId: true, name: true } }),
      ]);
      const calendarName = new Map(calendars.map((c) => [`${c.locationId}:${c.ghlCalendarId}`, c.name]));
      const appointments = rows.map((r) => ({
        id: r.id,
        locationId: r.locationId,
        timezone: r.location.timezone,
        startTime: r.startTime,
        title: r.title,
        calendarName: r.calendarId ? (calendarName.get(`${r.locationId}:${r.calendarId}`) ?? null) : null,
        contact: r.contact,
      }));
      const risk = riskLookup && appointments.length ? await riskLookup(ctx.db, appointments.map((a) => a.id)) : null;
      return unconfirmedAppointmentsRule({ appointments, services, risk, now: ctx.now, orgSlug: ctx.orgSlug });
    },
  };
}
