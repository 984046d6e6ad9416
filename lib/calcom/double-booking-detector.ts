import "server-only";
import type { DetectedFinding, Detector, DetectorContext } from "@/lib/ops/findings";
import { findCrossProviderOverlaps, type OverlapCandidate } from "@/lib/calcom/overlap";

/**
 * "calendar.double_booked": a Cal.com booking and a GHL appointment holding the same chair at
 * the same time. The rule is findCrossProviderOverlaps (pure, unit-tested); this detector loads
 * the upcoming appointments of the clinics that take Cal.com bookings and files one finding per
 * colliding pair, keyed by both ids so it resolves itself when either moves or is cancelled.
 */

export const DOUBLE_BOOKED = "calendar.double_booked";
const HORIZON_MS = 30 * 86_400_000;

type Row = OverlapCandidate & { contact: { firstName: string | null; lastName: string | null } | null; title: string | null };

function who(row: Row): string {
  return [row.contact?.firstName, row.contact?.lastName].filter(Boolean).join(" ") || row.title || "a patient";
}

/** The findings for a set of appointments; pure, so the wording and keys are tested without a database. */
export function doubleBookingFindings(rows: Row[], orgSlug: string, zoneOf: (locationId: string) => string): DetectedFinding[] {
  return findCrossProviderOverlaps(rows).map(({ calcom, ghl }) => {
    const timezone = zoneOf(calcom.locationId);
    const time = (d: Date) => new Intl.DateTimeFormat("en-US", { timeZone: timezone, dateStyle: "medium", timeStyle: "short" }).format(d);
    const href = (id: string) => `/agency/${orgSlug}/admin/calendar/appointments/${id}`;
    return {
      locationId: calcom.locationId,
      kind: DOUBLE_BOOKED,
      subjectKey: `${calcom.id}:${ghl.id}`,
      severity: "high",
      title: "Double booking across Cal.com and GoHighLevel",
      reason: `${who(calcom)} booked through Cal.com at ${time(calcom.startTime)} overlaps ${who(ghl)} in GoHighLevel at ${time(ghl.startTime)} on the same calendar.`,
      records: [
        { label: `Cal.com: ${who(calcom)}`, href: href(calcom.id) },
        { label: `GoHighLevel: ${who(ghl)}`, href: href(ghl.id) },
      ],
      action: { kind: "open_appointment", label: "Move one of them", href: href(calcom.id) },
    };
  });
}

export const doubleBookingDetector: Detector = {
  kinds: [DOUBLE_BOOKED],
  async run({ db, now, orgSlug }: DetectorContext) {
    const mapped = await db.calcomEventType.findMany({ where: { locationId: { not: null } }, select: { locationId: true } });
    const locationIds = [...new Set(mapped.map((m) => m.locationId!))];
    if (locationIds.length === 0) return [];
    const [rows, clinics] = await Promise.all([
      db.appointment.findMany({
        where: {
          locationId: { in: locationIds },
          deletedAt: null,
          status: { notIn: ["cancelled", "invalid"] },
          endTime: { gt: now },
          startTime: { lt: new Date(now.getTime() + HORIZON_MS) },
        },
        select: { id: true, provider: true, locationId: true, calendarId: true, status: true, startTime: true, endTime: true, deletedAt: true, rescheduleRequestedAt: true, title: true, contact: { select: { firstName: true, lastName: true } } },
      }),
      db.location.findMany({ where: { id: { in: locationIds } }, select: { id: true, timezone: true } }),
    ]);
    const zones = new Map(clinics.map((c) => [c.id, c.timezone]));
    return doubleBookingFindings(rows, orgSlug, (id) => zones.get(id) ?? "UTC");
  },
};
