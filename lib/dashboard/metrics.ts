import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { zonedDayRange, zonedWeekRange } from "@/lib/time/zoned";

const DAY_MS = 86_400_000;
export const RATE_WINDOW_DAYS = 30;
export const UPCOMING_DAYS = 7;

export interface ClinicMetrics {
  id: string;
  name: string;
  timezone: string;
  contacts: number;
  newContactsThisWeek: number;
  appointmentsToday: number;
  appointmentsThisWeek: number;
  unconfirmedUpcoming: number;
  /**
   * Appointments that started in the last 30 days, by outcome. `notMarked` were never marked
   * showed or no-show, nor cancelled: a show rate alone would hide them, so the page shows them
   * as their own figure.
   */
  past30: { total: number; showed: number; noshow: number; cancelled: number; notMarked: number };
  sync: { health: string; lastSyncedAt: Date | null };
}

interface Row {
  id: string;
  contacts: number;
  new_week: number;
  today: number;
  week: number;
  unconfirmed: number;
  past_total: number;
  showed: number;
  noshow: number;
  cancelled: number;
  not_marked: number;
}

/**
 * The dashboard's numbers for every clinic the member may see, in one statement: each clinic's
 * "today" and "this week" are its own, in its timezone, so the ranges are computed here and
 * joined in as a small table.
 */
export async function getClinicMetrics(ctx: Pick<OrgContext, "clinicIds" | "db">, now = new Date()): Promise<ClinicMetrics[]> {
  const clinics = await ctx.db.location.findMany({
    where: ctx.clinicIds === null ? {} : { id: { in: ctx.clinicIds } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, timezone: true, sync: { select: { health: true, lastSyncedAt: true } } },
  });
  if (clinics.length === 0) return [];
  const ranges = clinics.map((c) => {
    const day = zonedDayRange(c.timezone, now);
    const week = zonedWeekRange(c.timezone, now);
    return { id: c.id, day_start: day.start, day_end: day.end, week_start: week.start, week_end: week.end };
  });
  const pastFrom = new Date(now.getTime() - RATE_WINDOW_DAYS * DAY_MS);
  const upcomingTo = new Date(now.getTime() + UPCOMING_DAYS * DAY_MS);
  // JIT is off in every tenant transaction (see enterTenantSql): the planner cannot see how few
  // clinics the range table holds and prices this statement high enough to JIT-compile it.
  const rows = await ctx.db.read(async (tx) => {
    return tx.$queryRaw<Row[]>`
      WITH r AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(ranges)}::jsonb)
          AS r(id text, day_start timestamptz, day_end timestamptz, week_start timestamptz, week_end timestamptz)
      )
      SELECT r.id,
        (SELECT count(*)::int FROM "Contact" c WHERE c."locationId" = r.id AND c."deletedAt" IS NULL) AS contacts,
        (SELECT count(*)::int FROM "Contact" c WHERE c."locationId" = r.id AND c."deletedAt" IS NULL
           AND c."dateAdded" >= r.week_start AND c."dateAdded" < r.week_end) AS new_week,
        a.today, a.week, a.unconfirmed, a.past_total, a.showed, a.noshow, a.cancelled, a.not_marked
      FROM r
      CROSS JOIN LATERAL (
        SELECT
          count(*) FILTER (WHERE "startTime" >= r.day_start AND "startTime" < r.day_end AND status <> 'cancelled')::int AS today,
          count(*) FILTER (WHERE "startTime" >= r.week_start AND "startTime" < r.week_end AND status <> 'cancelled')::int AS week,
          count(*) FILTER (WHERE "startTime" >= ${now} AND "startTime" < ${upcomingTo} AND status = 'new')::int AS unconfirmed,
          count(*) FILTER (WHERE "startTime" >= ${pastFrom} AND "startTime" < ${now})::int AS past_total,
          count(*) FILTER (WHERE "startTime" >= ${pastFrom} AND "startTime" < ${now} AND status = 'showed')::int AS showed,
          count(*) FILTER (WHERE "startTime" >= ${pastFrom} AND "startTime" < ${now} AND status = 'noshow')::int AS noshow,
          count(*) FILTER (WHERE "startTime" >= ${pastFrom} AND "startTime" < ${now} AND status = 'cancelled')::int AS cancelled,
          count(*) FILTER (WHERE "startTime" >= ${pastFrom} AND "startTime" < ${now} AND status NOT IN ('showed', 'noshow', 'cancelled'))::int AS not_marked
        FROM "Appointment"
        WHERE "locationId" = r.id AND "deletedAt" IS NULL
          AND "startTime" >= LEAST(${pastFrom}::timestamptz, r.week_start) AND "startTime" < GREATEST(${upcomingTo}::timestamptz, r.week_end)
      ) a`;
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return clinics.map((c) => {
    const row = byId.get(c.id);
    return {
      id: c.id,
      name: c.name,
      timezone: c.timezone,
      contacts: row?.contacts ?? 0,
      newContactsThisWeek: row?.new_week ?? 0,
      appointmentsToday: row?.today ?? 0,
      appointmentsThisWeek: row?.week ?? 0,
      unconfirmedUpcoming: row?.unconfirmed ?? 0,
      past30: {
        total: row?.past_total ?? 0,
        showed: row?.showed ?? 0,
        noshow: row?.noshow ?? 0,
        cancelled: row?.cancelled ?? 0,
        notMarked: row?.not_marked ?? 0,
      },
      sync: { health: c.sync?.health ?? "pending", lastSyncedAt: c.sync?.lastSyncedAt ?? null },
    };
  });
}

/** Sums across clinics; the rates are of all appointments, not an average of clinic rates. */
export function totalMetrics(clinics: ClinicMetrics[]) {
  const sum = (pick: (c: ClinicMetrics) => number) => clinics.reduce((total, c) => total + pick(c), 0);
  return {
    contacts: sum((c) => c.contacts),
    newContactsThisWeek: sum((c) => c.newContactsThisWeek),
    appointmentsToday: sum((c) => c.appointmentsToday),
    appointmentsThisWeek: sum((c) => c.appointmentsThisWeek),
    unconfirmedUpcoming: sum((c) => c.unconfirmedUpcoming),
    past30: {
      total: sum((c) => c.past30.total),
      showed: sum((c) => c.past30.showed),
      noshow: sum((c) => c.past30.noshow),
      cancelled: sum((c) => c.past30.cancelled),
      notMarked: sum((c) => c.past30.notMarked),
    },
  };
}

/** A share as a whole percentage, or null when there is nothing to divide. */
export function rate(part: number, total: number): number | null {
  return total === 0 ? null : Math.round((part / total) * 100);
}

/**
 * Appointments per day over the last 30 days, by outcome, for the chart. Each appointment
 * counts on its own clinic's calendar date, so "all clinics" adds up local days, not one
 * clinic's days standing in for the rest.
 */
export async function getDailyOutcomes(ctx: Pick<OrgContext, "clinicIds" | "db">, now = new Date()) {
  const from = new Date(now.getTime() - RATE_WINDOW_DAYS * DAY_MS);
  const rows = await ctx.db.read(
    (tx) => tx.$queryRaw<Array<{ day: string; showed: number; noshow: number; cancelled: number; other: number }>>`
      SELECT to_char((a."startTime" AT TIME ZONE l."timezone")::date, 'YYYY-MM-DD') AS day,
        count(*) FILTER (WHERE a.status = 'showed')::int AS showed,
        count(*) FILTER (WHERE a.status = 'noshow')::int AS noshow,
        count(*) FILTER (WHERE a.status = 'cancelled')::int AS cancelled,
        count(*) FILTER (WHERE a.status NOT IN ('showed', 'noshow', 'cancelled'))::int AS other
      FROM "Appointment" a
      JOIN "Location" l ON l."id" = a."locationId" AND l."organizationId" = a."organizationId"
      WHERE a."organizationId" = ${ctx.db.organizationId} AND a."deletedAt" IS NULL
        AND a."startTime" >= ${from} AND a."startTime" < ${now}
        AND (${ctx.clinicIds === null} OR a."locationId" = ANY(${ctx.clinicIds ?? []}))
      GROUP BY 1 ORDER BY 1`,
  );
  return rows;
}
