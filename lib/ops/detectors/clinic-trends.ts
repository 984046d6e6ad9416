import "server-only";
import type { DetectedFinding, Detector, DetectorContext, FindingSeverity } from "@/lib/ops/findings";

/**
 * A clinic whose last 4 weeks look worse than its own 12 weeks before: no-shows or
 * cancellations well above its baseline, or bookings well below it. A clinic without enough
 * history is never compared.
 */

const DAY_MS = 86_400_000;
export const RECENT_DAYS = 28;
export const BASELINE_DAYS = 84;
/** Appointments a window needs before its rate means anything. */
export const MIN_RECENT = 20;
export const MIN_BASELINE = 60;
/** A rate "well above" its baseline: at least this many points higher and this many times as high. */
export const RISE_POINTS = 0.05;
export const RISE_FACTOR = 1.5;
/** Bookings "fell": the last 4 weeks' weekly average at most this share of the baseline's. */
export const BOOKINGS_FALL_SHARE = 0.7;

export interface WindowCounts {
  total: number;
  noshow: number;
  cancelled: number;
}

export interface ClinicTrend {
  id: string;
  name: string;
  recent: WindowCounts;
  baseline: WindowCounts;
}

const pct = (n: number) => `${Math.round(n * 100)}%`;

export function clinicTrendRule(input: { clinics: ClinicTrend[]; orgSlug: string }): DetectedFinding[] {
  const out: DetectedFinding[] = [];
  for (const clinic of input.clinics) {
    const { recent, baseline } = clinic;
    if (baseline.total < MIN_BASELINE) continue;
    const records = [{ label: `${clinic.name} on the dashboard`, href: `/agency/${input.orgSlug}/admin/dashboard?clinic=${clinic.id}` }];
    const action = { kind: "link", label: "Review the clinic's calendar", href: `/agency/${input.orgSlug}/admin/calendar?clinic=${clinic.id}` };
    if (recent.total >= MIN_RECENT) {
      for (const [field, kind, noun] of [
        ["noshow", "clinic.noshow_rising", "No-shows"],
        ["cancelled", "clinic.cancellations_rising", "Cancellations"],
      ] as const) {
        const now = recent[field] / recent.total;
        const before = baseline[field] / baseline.total;
        if (now - before < RISE_POINTS || now < before * RISE_FACTOR) continue;
        const severity: FindingSeverity = now - before >= 0.15 ? "high" : "medium";
        out.push({
          locationId: clinic.id,
          kind,
          subjectKey: "clinic",
          severity,
          title: `${clinic.name}: ${noun.toLowerCase()} up to ${pct(now)}`,
          reason: `${noun} were ${pct(now)} of appointments in the last 4 weeks (${recent[field]} of ${recent.total}), against ${pct(before)} over the 12 weeks before (${baseline[field]} of ${baseline.total}).`,
          records,
          action,
        });
      }
    }
    const weeklyNow = recent.total / (RECENT_DAYS / 7);
    const weeklyBefore = baseline.total / (BASELINE_DAYS / 7);
    if (weeklyBefore >= 5 && weeklyNow <= weeklyBefore * BOOKINGS_FALL_SHARE) {
      out.push({
        locationId: clinic.id,
        kind: "clinic.bookings_falling",
        subjectKey: "clinic",
        severity: weeklyNow <= weeklyBefore * 0.5 ? "high" : "medium",
        title: `${clinic.name}: bookings down ${pct(1 - weeklyNow / weeklyBefore)}`,
        reason: `${recent.total} appointments in the last 4 weeks (${weeklyNow.toFixed(1)} a week), against ${weeklyBefore.toFixed(1)} a week over the 12 weeks before (${baseline.total}).`,
        records,
        action,
      });
    }
  }
  return out;
}

export const clinicTrendsDetector: Detector = {
  kinds: ["clinic.noshow_rising", "clinic.cancellations_rising", "clinic.bookings_falling"],
  async run(ctx: DetectorContext) {
    const recentStart = new Date(ctx.now.getTime() - RECENT_DAYS * DAY_MS);
    const baselineStart = new Date(recentStart.getTime() - BASELINE_DAYS * DAY_MS);
    const [clinics, rows] = await Promise.all([
      ctx.db.location.findMany({ select: { id: true, name: true } }),
      // Raw for the conditional counts; organizationId is explicit and the transaction runs
      // under the tenant's row-level security like every org-scoped query.
      ctx.db.transaction((tx) => tx.$queryRaw<Array<{ locationId: string; recent: boolean; total: number; noshow: number; cancelled: number }>>`
        SELECT "locationId", "startTime" >= ${recentStart} AS "recent", count(*)::int AS "total",
               count(*) FILTER (WHERE "status" = 'noshow')::int AS "noshow",
               count(*) FILTER (WHERE "status" = 'cancelled')::int AS "cancelled"
        FROM "Appointment"
        WHERE "organizationId" = ${ctx.organizationId} AND "deletedAt" IS NULL AND "startTime" >= ${baselineStart} AND "startTime" < ${ctx.now}
        GROUP BY 1, 2`),
    ]);
    const empty = (): WindowCounts => ({ total: 0, noshow: 0, cancelled: 0 });
    const trends = new Map(clinics.map((c) => [c.id, { id: c.id, name: c.name, recent: empty(), baseline: empty() }]));
    for (const row of rows) {
      const trend = trends.get(row.locationId);
      if (trend) trend[row.recent ? "recent" : "baseline"] = { total: row.total, noshow: row.noshow, cancelled: row.cancelled };
    }
    return clinicTrendRule({ clinics: [...trends.values()], orgSlug: ctx.orgSlug });
  },
};
