import "server-only";
import type { DetectedFinding, Detector, DetectorContext } from "@/lib/ops/findings";
import { chartReviewsDue } from "@/lib/oversight/checks";
import { zonedDateKey, zonedWallTime } from "@/lib/time/zoned";

/**
 * Chart reviews behind for the month: the medical director must review N% of the month's
 * visits and/or at least M charts. So far this month: visits completed (showed) and reviews
 * recorded, against what is due by now (the minimum pro-rated by the days gone).
 */

export interface ChartReviewClinic {
  id: string;
  name: string;
  timezone: string;
  medicalDirector: string | null;
  chartReviewPercent: number | null;
  chartReviewMinimum: number | null;
  visits: number;
  reviewed: number;
}

/** The clinic's current month: its first instant, the next month's, and how much of it has gone. */
export function monthWindow(now: Date, timezone: string) {
  const [y, m] = zonedDateKey(now, timezone).split("-").map(Number) as [number, number];
  const key = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}-01`;
  const start = zonedWallTime(timezone, key(y, m));
  const end = zonedWallTime(timezone, m === 12 ? key(y + 1, 1) : key(y, m + 1));
  return { start, end, elapsed: Math.min(1, Math.max(0, (now.getTime() - start.getTime()) / (end.getTime() - start.getTime()))) };
}

export function chartReviewsRule(input: { clinics: ChartReviewClinic[]; now: Date; orgSlug: string }): DetectedFinding[] {
  const out: DetectedFinding[] = [];
  for (const c of input.clinics) {
    if (!c.chartReviewPercent && !c.chartReviewMinimum) continue;
    const { elapsed } = monthWindow(input.now, c.timezone);
    const due = chartReviewsDue(c.visits, { chartReviewPercent: c.chartReviewPercent, chartReviewMinimum: c.chartReviewMinimum ? Math.ceil(c.chartReviewMinimum * elapsed) : null });
    if (c.reviewed >= due) continue;
    const behind = due - c.reviewed;
    const requirement = [c.chartReviewPercent ? `${c.chartReviewPercent}% of visits` : null, c.chartReviewMinimum ? `at least ${c.chartReviewMinimum} charts` : null].filter(Boolean).join(" and ");
    const href = `/agency/${input.orgSlug}/admin/calendar?clinic=${c.id}`;
    out.push({
      locationId: c.id,
      kind: "oversight.chart_reviews_behind",
      subjectKey: "clinic",
      severity: elapsed > 0.8 ? "high" : "medium",
      title: `${c.name}: ${behind} chart review${behind === 1 ? "" : "s"} behind this month`,
      reason: `${c.reviewed} of ${due} charts due so far reviewed (${c.visits} visits this month; the protocol asks ${requirement} a month${c.medicalDirector ? ` by ${c.medicalDirector}` : ""}).`,
      records: [{ label: `${c.name} calendar`, href }],
      action: { kind: "link", label: "Record reviews on the visits", href },
      priority: behind,
    });
  }
  return out;
}

export const chartReviewsDetector: Detector = {
  kinds: ["oversight.chart_reviews_behind"],
  async run(ctx: DetectorContext) {
    const rows = await ctx.db.clinicOversight.findMany({
      where: { OR: [{ chartReviewPercent: { not: null } }, { chartReviewMinimum: { not: null } }] },
      select: { locationId: true, medicalDirector: true, chartReviewPercent: true, chartReviewMinimum: true, location: { select: { name: true, timezone: true } } },
    });
    const clinics: ChartReviewClinic[] = [];
    for (const row of rows) {
      const { start, end } = monthWindow(ctx.now, row.location.timezone);
      const [visits, reviewed] = await Promise.all([
        ctx.db.appointment.count({ where: { locationId: row.locationId, deletedAt: null, status: "showed", startTime: { gte: start, lt: end } } }),
        ctx.db.chartReview.count({ where: { locationId: row.locationId, reviewedAt: { gte: start, lt: end } } }),
      ]);
      clinics.push({ id: row.locationId, name: row.location.name, timezone: row.location.timezone, medicalDirector: row.medicalDirector, chartReviewPercent: row.chartReviewPercent, chartReviewMinimum: row.chartReviewMinimum, visits, reviewed });
    }
    return chartReviewsRule({ clinics, now: ctx.now, orgSlug: ctx.orgSlug });
  },
};
