import "server-only";
import type { OrgDb } from "@/lib/db";

/** What Settings → Integrations shows of the agency's Cal.com connection. Never the key or secret. */
export async function getCalcomStatus(db: OrgDb) {
  const connection = await db.calcomConnection.findUnique({
    where: { organizationId: db.organizationId },
    select: { accountEmail: true, apiKeyHint: true, webhookId: true, createdAt: true, reconciledAt: true, lastDriftCount: true, lastReconcileError: true },
  });
  if (!connection) return { connection: null, eventTypes: [], clinics: [] };
  const [eventTypes, clinics] = await Promise.all([
    db.calcomEventType.findMany({ orderBy: { title: "asc" }, select: { eventTypeId: true, title: true, slug: true, lengthInMinutes: true, locationId: true, ghlCalendarId: true } }),
    db.location.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, calendars: { where: { isActive: true }, orderBy: { name: "asc" }, select: { ghlCalendarId: true, name: true } } } }),
  ]);
  return { connection, eventTypes, clinics };
}

export type CalcomStatus = Awaited<ReturnType<typeof getCalcomStatus>>;
