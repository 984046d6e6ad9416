import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { patientName } from "@/lib/calendar/queries";
import { listServices } from "@/lib/ops/service-admin";
import { matchService } from "@/lib/ops/services";
import { formatInZone } from "@/lib/time/zoned";

export interface VisitSupplyLine {
  itemId: string;
  name: string;
  unit: string;
  onHand: number;
  quantity: number;
}

export interface VisitSupplies {
  appointmentId: string;
  /** "10:30 AM · Olivia Garcia" */
  label: string;
  service: string | null;
  lines: VisitSupplyLine[];
  /** SKUs of the bill of supplies this clinic does not stock. */
  missing: string[];
}

/**
 * The supplies a visit at this clinic is expected to use: its service's bill of supplies
 * (lib/ops/services.ts matches the calendar name or title) against the clinic's own items.
 * Null when the appointment is not one of this clinic's.
 */
export async function findVisitSupplies(
  ctx: Pick<OrgContext, "db">,
  clinic: { id: string; timezone: string },
  appointmentId: string,
  items: Array<{ id: string; sku: string; name: string; unit: string; onHand: number }>,
): Promise<VisitSupplies | null> {
  const appointment = await ctx.db.appointment.findFirst({
    where: { id: appointmentId, locationId: clinic.id, deletedAt: null },
    select: { id: true, title: true, calendarId: true, startTime: true, contact: { select: { firstName: true, lastName: true } } },
  });
  if (!appointment) return null;
  const [calendar, services] = await Promise.all([
    appointment.calendarId
      ? ctx.db.calendar.findUnique({ where: { locationId_ghlCalendarId: { locationId: clinic.id, ghlCalendarId: appointment.calendarId } }, select: { name: true } })
      : null,
    listServices(ctx),
  ]);
  const service = matchService(services, { title: appointment.title, calendarName: calendar?.name ?? null });
  const bySku = new Map(items.map((item) => [item.sku.toUpperCase(), item]));
  const lines: VisitSupplyLine[] = [];
  const missing: string[] = [];
  for (const supply of service?.supplies ?? []) {
    const item = bySku.get(supply.sku.toUpperCase());
    if (item) lines.push({ itemId: item.id, name: item.name, unit: item.unit, onHand: item.onHand, quantity: supply.quantity });
    else missing.push(supply.sku);
  }
  return {
    appointmentId: appointment.id,
    label: `${formatInZone(appointment.startTime, clinic.timezone, { hour: "numeric", minute: "2-digit" })} · ${patientName(appointment.contact)}`,
    service: service?.name ?? null,
    lines,
    missing,
  };
}
