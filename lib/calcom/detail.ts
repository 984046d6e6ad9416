import "server-only";
import type { OrgDb } from "@/lib/db";
import { findCrossProviderConflicts } from "@/lib/calcom/scheduling";

/** What an appointment's page adds for Cal.com: the event type, its moves, and collisions with the other calendar. */
export async function findProviderDetail(
  db: OrgDb,
  appointment: { id: string; provider: "ghl" | "calcom"; locationId: string; calendarId: string | null; startTime: Date; endTime: Date; status: string; calcomEventTypeId: number | null; previousExternalIds: string[]; rescheduleRequestedAt: Date | null },
) {
  const holds = appointment.status !== "cancelled" && appointment.status !== "invalid" && !appointment.rescheduleRequestedAt;
  const [eventType, conflicts] = await Promise.all([
    appointment.calcomEventTypeId
      ? db.calcomEventType.findUnique({ where: { organizationId_eventTypeId: { organizationId: db.organizationId, eventTypeId: appointment.calcomEventTypeId } }, select: { title: true } })
      : null,
    holds ? findCrossProviderConflicts(db, { ...appointment, excludeId: appointment.id }) : [],
  ]);
  return {
    source: appointment.provider === "calcom" ? "Cal.com" : "GoHighLevel",
    eventTypeTitle: eventType?.title ?? null,
    moves: appointment.previousExternalIds.length,
    rescheduleRequested: Boolean(appointment.rescheduleRequestedAt),
    conflicts: conflicts.map((c) => ({ id: c.id, startTime: c.startTime, endTime: c.endTime, patient: [c.contact?.firstName, c.contact?.lastName].filter(Boolean).join(" ") || "Unknown patient" })),
  };
}
