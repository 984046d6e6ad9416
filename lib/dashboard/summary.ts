import type { OrgDb } from "@/lib/db/org-client";
import { zonedDayRange, zonedWeekRange } from "@/lib/time/zoned";

export interface ClinicSummary {
  id: string;
  name: string;
  timezone: string;
  contacts: number;
  newContactsThisWeek: number;
  appointmentsToday: number;
  upcomingAppointments: number;
}

/** Per-clinic counts for the agency dashboard, each clinic's "today" in its own timezone. */
export async function getDashboardSummary(db: OrgDb, now = new Date()): Promise<ClinicSummary[]> {
  const clinics = await db.location.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, timezone: true } });
  return Promise.all(
    clinics.map(async (clinic) => {
      const today = zonedDayRange(clinic.timezone, now);
      const week = zonedWeekRange(clinic.timezone, now);
      const [contacts, newContactsThisWeek, appointmentsToday, upcomingAppointments] = await Promise.all([
        db.contact.count({ where: { locationId: clinic.id, deletedAt: null } }),
        db.contact.count({ where: { locationId: clinic.id, deletedAt: null, dateAdded: { gte: week.start, lt: week.end } } }),
        db.appointment.count({
          where: { locationId: clinic.id, deletedAt: null, startTime: { gte: today.start, lt: today.end }, status: { not: "cancelled" } },
        }),
        db.appointment.count({
          where: { locationId: clinic.id, deletedAt: null, startTime: { gte: now }, status: { in: ["new", "confirmed"] } },
        }),
      ]);
      return { ...clinic, contacts, newContactsThisWeek, appointmentsToday, upcomingAppointments };
    }),
  );
}
