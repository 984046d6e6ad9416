import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { addDays } from "@/lib/calendar/views";
import { zonedWallTime } from "@/lib/time/zoned";

export interface ClinicOutcomes {
  id: string;
  name: string;
  timezone: string;
  total: number;
  showed: number;
  noshow: number;
  cancelled: number;
  /** Booked and not yet marked (new, confirmed): future visits, or past ones nobody checked in. */
  open: number;
}

/**
 * Appointment outcomes per clinic over local days `from`…`to` (inclusive, "YYYY-MM-DD"), each
 * clinic's days read in its own timezone. Only the clinics the member may see, and of those only
 * `locationIds` when given: an id outside the scope matches nothing. One grouped query.
 */
export async function getOutcomesByClinic(
  ctx: Pick<OrgContext, "clinicIds" | "db">,
  range: { from: string; to: string; locationIds?: string[] },
): Promise<ClinicOutcomes[]> {
  const clinics = await ctx.db.location.findMany({
    where: {
      AND: [ctx.clinicIds === null ? {} : { id: { in: ctx.clinicIds } }, range.locationIds ? { id: { in: range.locationIds } } : {}],
    },
    orderBy: { name: "asc" },
    select: { id: true, name: true, timezone: true },
  });
  if (clinics.length === 0) return [];
  const afterLast = addDays(range.to, 1);
  const groups = await ctx.db.appointment.groupBy({
    by: ["locationId", "status"],
    where: {
      deletedAt: null,
      OR: clinics.map((c) => ({ locationId: c.id, startTime: { gte: zonedWallTime(c.timezone, range.from), lt: zonedWallTime(c.timezone, afterLast) } })),
    },
    _count: { _all: true },
  });
  return clinics.map((c) => {
    const mine = groups.filter((g) => g.locationId === c.id);
    const count = (status: string) => mine.find((g) => g.status === status)?._count._all ?? 0;
    const total = mine.reduce((sum, g) => sum + g._count._all, 0);
    const showed = count("showed");
    const noshow = count("noshow");
    const cancelled = count("cancelled");
    return { ...c, total, showed, noshow, cancelled, open: total - showed - noshow - cancelled };
  });
}
