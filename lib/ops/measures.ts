import "server-only";
import type { OrgDb } from "@/lib/db";
import { tenantMemo } from "@/lib/cache/tenant-memo";

export const MEASURE_WEEKS = 8;

export interface WeekMeasure {
  /** Monday of the week (UTC), YYYY-MM-DD. */
  week: string;
  opened: number;
  resolved: number;
  /** Median minutes from a finding opening to its resolution; null when none resolved. */
  medianMinutesToResolve: number | null;
  /** Resolutions that came before the clinic's next appointment after the finding opened. */
  beforeNextAppointment: number;
}

/**
 * The queue's own "caught before the call" figures, per week: findings opened (and reopened),
 * resolved (by a person or because the problem went away), the median time to resolve, and how
 * many were resolved before the clinic's next appointment started — before a patient could
 * have met the problem. One statement over the current week, and one over the weeks before
 * it, reused for PAST_WEEKS_TTL_MS.
 */
type WeekRow = { week: string; opened: number; resolved: number; median: number | null; before: number };

/**
 * How long last weeks' figures may be reused. New events land in the current week, which is
 * always read afresh; a past week changes only when an appointment of it is edited afterwards.
 */
export const PAST_WEEKS_TTL_MS = 10 * 60_000;
const pastWeeksMemo = tenantMemo<WeekRow[]>(PAST_WEEKS_TTL_MS);

/** The figures of the weeks starting in [from, to), by week. */
function measureWeeks(db: OrgDb, from: Date, to: Date | null) {
  // Raw for the weekly buckets, the median and the next-appointment test; organizationId is
  // explicit and the transaction runs under the tenant's row-level security. Grouped on the
  // week's timestamp and formatted once per week, not once per event.
  return db.read((tx) => tx.$queryRaw<WeekRow[]>`
    SELECT to_char(w."week", 'YYYY-MM-DD') AS "week", w."opened", w."resolved", w."median", w."before"
    FROM (
      SELECT date_trunc('week', e."createdAt" AT TIME ZONE 'UTC') AS "week",
             count(*) FILTER (WHERE e."type" IN ('opened', 'reopened'))::int AS "opened",
             count(*) FILTER (WHERE e."type" IN ('resolved', 'auto_resolved'))::int AS "resolved",
             (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e."createdAt" - e."episodeOpenedAt") / 60)
                FILTER (WHERE e."type" IN ('resolved', 'auto_resolved') AND e."episodeOpenedAt" IS NOT NULL))::float AS "median",
             count(*) FILTER (WHERE e."type" IN ('resolved', 'auto_resolved') AND e."episodeOpenedAt" IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM "Appointment" a
                WHERE a."organizationId" = e."organizationId" AND a."locationId" = e."locationId" AND a."deletedAt" IS NULL
                  AND a."status" <> 'cancelled' AND a."startTime" > e."episodeOpenedAt" AND a."startTime" <= e."createdAt"))::int AS "before"
      FROM "FindingEvent" e
      WHERE e."organizationId" = ${db.organizationId} AND e."createdAt" >= ${from} AND (${to}::timestamptz IS NULL OR e."createdAt" < ${to}::timestamptz)
        AND e."type" IN ('opened', 'reopened', 'resolved', 'auto_resolved')
      GROUP BY 1
    ) w`);
}

export async function weeklyMeasures(db: OrgDb, now = new Date(), weeks = MEASURE_WEEKS): Promise<WeekMeasure[]> {
  const thisMonday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7)));
  const since = new Date(thisMonday.getTime() - (weeks - 1) * 7 * 86_400_000);
  const [past, current] = await Promise.all([
    pastWeeksMemo(db.organizationId, `${since.toISOString()}:${weeks}`, () => measureWeeks(db, since, thisMonday)),
    measureWeeks(db, thisMonday, null),
  ]);
  const rows = [...past, ...current];
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  return Array.from({ length: weeks }, (_, i) => {
    const week = new Date(thisMonday.getTime() - i * 7 * 86_400_000).toISOString().slice(0, 10);
    const r = byWeek.get(week);
    return {
      week,
      opened: r?.opened ?? 0,
      resolved: r?.resolved ?? 0,
      medianMinutesToResolve: r?.median === null || r?.median === undefined ? null : Math.round(r.median),
      beforeNextAppointment: r?.before ?? 0,
    };
  });
}
