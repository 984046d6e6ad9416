import "server-only";
import type { DetectedFinding, Detector, DetectorContext, FindingSeverity } from "@/lib/ops/findings";
import { formatInZone } from "@/lib/time/zoned";

/**
 * Past appointments never marked showed or no-show: still "new" or "confirmed" after they
 * ended. Until someone marks them the show rate counts them as neither, and the no-show trend
 * cannot see them. One finding per clinic, with how many and since when.
 */

export const UNMARKED_LOOKBACK_DAYS = 14;
/** Time after an appointment ends for the front desk to mark it before it counts here. */
export const UNMARKED_GRACE_MS = 2 * 3_600_000;
/** Fewer unmarked visits than this in the window are left alone. */
export const UNMARKED_MIN = 3;

export interface UnmarkedClinic {
  id: string;
  name: string;
  timezone: string;
  /** Appointments that ended within the window (after the grace), cancelled and invalid ones excluded. */
  ended: number;
  unmarked: number;
  oldestUnmarked: Date | null;
}

export function unmarkedAppointmentsRule(input: { clinics: UnmarkedClinic[]; orgSlug: string }): DetectedFinding[] {
  const out: DetectedFinding[] = [];
  for (const clinic of input.clinics) {
    if (clinic.unmarked < UNMARKED_MIN || !clinic.oldestUnmarked) continue;
    const share = clinic.ended > 0 ? clinic.unmarked / clinic.ended : 1;
    const severity: FindingSeverity = share >= 0.5 || clinic.unmarked >= 25 ? "high" : "medium";
    const since = formatInZone(clinic.oldestUnmarked, clinic.timezone, { month: "short", day: "numeric" });
    const calendar = `/agency/${input.orgSlug}/admin/calendar?clinic=${clinic.id}`;
    out.push({
      locationId: clinic.id,
      kind: "appointments.unmarked",
      subjectKey: "clinic",
      severity,
      title: `${clinic.name}: ${clinic.unmarked} past appointment${clinic.unmarked === 1 ? "" : "s"} not marked`,
      reason:
        `${clinic.unmarked} of the ${Math.max(clinic.ended, clinic.unmarked)} appointments that ended in the last ${UNMARKED_LOOKBACK_DAYS} days (${Math.round(share * 100)}%) ` +
        `were never marked showed or no-show, the oldest on ${since}. The show rate and the no-show trend leave them out until they are marked.`,
      records: [{ label: `${clinic.name} calendar`, href: calendar }],
      action: { kind: "link", label: "Mark them in the calendar", href: calendar },
      priority: clinic.unmarked,
    });
  }
  return out;
}

export const unmarkedAppointmentsDetector: Detector = {
  kinds: ["appointments.unmarked"],
  async run(ctx: DetectorContext) {
    const until = new Date(ctx.now.getTime() - UNMARKED_GRACE_MS);
    const since = new Date(ctx.now.getTime() - UNMARKED_LOOKBACK_DAYS * 86_400_000);
    // The start bounds let the (organizationId, startTime) index find the window; the end
    // bounds are the rule (no visit lasts a day).
    const window = { deletedAt: null, startTime: { gte: new Date(since.getTime() - 86_400_000), lt: until }, endTime: { gte: since, lt: until } };
    const [clinics, ended, unmarked] = await Promise.all([
      ctx.db.location.findMany({ select: { id: true, name: true, timezone: true } }),
      ctx.db.appointment.groupBy({ by: ["locationId"], where: { ...window, status: { notIn: ["cancelled", "invalid"] } }, _count: { _all: true } }),
      ctx.db.appointment.groupBy({ by: ["locationId"], where: { ...window, status: { in: ["new", "confirmed"] } }, _count: { _all: true }, _min: { startTime: true } }),
    ]);
    const endedBy = new Map(ended.map((g) => [g.locationId, g._count._all]));
    const unmarkedBy = new Map(unmarked.map((g) => [g.locationId, g]));
    return unmarkedAppointmentsRule({
      orgSlug: ctx.orgSlug,
      clinics: clinics.map((c) => ({
        ...c,
        ended: endedBy.get(c.id) ?? 0,
        unmarked: unmarkedBy.get(c.id)?._count._all ?? 0,
        oldestUnmarked: unmarkedBy.get(c.id)?._min.startTime ?? null,
      })),
    });
  },
};
