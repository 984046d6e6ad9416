import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { clinicScope } from "@/lib/auth/context";
import { NO_SHOW_RISK } from "@/lib/ops/risk";

export const ATTENTION_LIMIT = 50;

export interface AttentionAppointment {
  id: string;
  locationId: string;
  clinicName: string;
  timezone: string;
  startTime: Date;
  status: string;
  reason: "unconfirmed" | "reschedule_requested";
  contact: { id: string; firstName: string | null; lastName: string | null } | null;
  /** The no-show score's probability (0…1), when a scorer is connected. */
  noShowRisk: number | null;
}

/**
 * Upcoming appointments someone should act on: not yet confirmed, or the patient was asked to
 * pick a new time. Soonest first, within the member's clinics (and `locationIds` of them, when
 * given), at most ATTENTION_LIMIT, with how many there are in all.
 */
export async function findAppointmentsNeedingAttention(
  ctx: Pick<OrgContext, "clinicIds" | "db">,
  options: { from: Date; to: Date; locationIds?: string[]; limit?: number },
): Promise<{ appointments: AttentionAppointment[]; total: number }> {
  const where = {
    AND: [
      clinicScope(ctx),
      options.locationIds ? { locationId: { in: options.locationIds } } : {},
      { deletedAt: null, startTime: { gte: options.from, lt: options.to } },
      { OR: [{ status: "new" as const }, { rescheduleRequestedAt: { not: null }, status: { not: "cancelled" as const } }] },
    ],
  };
  const [rows, total] = await Promise.all([
    ctx.db.appointment.findMany({
      where,
      orderBy: [{ startTime: "asc" }, { id: "asc" }],
      take: Math.min(options.limit ?? ATTENTION_LIMIT, ATTENTION_LIMIT),
      select: {
        id: true,
        locationId: true,
        startTime: true,
        status: true,
        rescheduleRequestedAt: true,
        location: { select: { name: true, timezone: true } },
        contact: { select: { id: true, firstName: true, lastName: true } },
      },
    }),
    ctx.db.appointment.count({ where }),
  ]);
  const risks = NO_SHOW_RISK && rows.length ? await NO_SHOW_RISK(ctx.db, rows.map((r) => r.id)) : null;
  return {
    total,
    appointments: rows.map((r) => ({
      id: r.id,
      locationId: r.locationId,
      clinicName: r.location.name,
      timezone: r.location.timezone,
      startTime: r.startTime,
      status: r.status,
      reason: r.rescheduleRequestedAt ? "reschedule_requested" : "unconfirmed",
      contact: r.contact,
      noShowRisk: risks?.get(r.id)?.score ?? null,
    })),
  };
}
