import "server-only";
import type { OrgDb } from "@/lib/db/org-client";
import { zonedDayRange } from "@/lib/time/zoned";

/** The clinic's appointments for its local today, earliest first. */
export async function findTodaysSchedule(db: OrgDb, clinic: { id: string; timezone: string }, now = new Date()) {
  const { start, end } = zonedDayRange(clinic.timezone, now);
  return db.appointment.findMany({
    where: { locationId: clinic.id, deletedAt: null, startTime: { gte: start, lt: end } },
    orderBy: { startTime: "asc" },
    select: {
      id: true,
      title: true,
      calendarId: true,
      status: true,
      startTime: true,
      endTime: true,
      contact: { select: { id: true, firstName: true, lastName: true, phone: true } },
    },
  });
}
