import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { hhmmOf } from "@/lib/prevention/policy";
import { DEFAULT_POLICY } from "@/lib/prevention/policy";

/** What the prevention page shows for one clinic: its policy, waitlist, open slots with their offers, and the message log. */

const nameOf = (c: { firstName: string | null; lastName: string | null; phone?: string | null } | undefined) =>
  [c?.firstName, c?.lastName].filter(Boolean).join(" ") || c?.phone || "Unknown contact";

export async function loadPreventionPage(ctx: Pick<OrgContext, "db">, clinic: { id: string; timezone: string }) {
  const db = ctx.db;
  const [policy, calendars, contacts, entries, openings, messages] = await Promise.all([
    db.preventionPolicy.findUnique({ where: { locationId: clinic.id } }),
    db.calendar.findMany({ where: { locationId: clinic.id, isActive: true }, select: { ghlCalendarId: true, name: true }, orderBy: { name: "asc" } }),
    db.contact.findMany({ where: { locationId: clinic.id, deletedAt: null }, select: { id: true, firstName: true, lastName: true, phone: true }, orderBy: [{ lastName: "asc" }, { firstName: "asc" }], take: 300 }),
    db.waitlistEntry.findMany({ where: { locationId: clinic.id, status: { in: ["active", "booked"] } }, orderBy: { createdAt: "asc" }, take: 200 }),
    db.slotOpening.findMany({ where: { locationId: clinic.id }, include: { offers: { orderBy: { sentAt: "asc" } } }, orderBy: { createdAt: "desc" }, take: 30 }),
    db.preventionMessage.findMany({ where: { locationId: clinic.id }, orderBy: { createdAt: "desc" }, take: 50 }),
  ]);
  const wanted = new Set([...entries.map((e) => e.contactId), ...openings.flatMap((o) => o.offers.map((x) => x.contactId)), ...messages.flatMap((m) => (m.contactId ? [m.contactId] : []))]);
  const known = new Map(contacts.map((c) => [c.id, c]));
  const missing = [...wanted].filter((id) => !known.has(id));
  if (missing.length) for (const c of await db.contact.findMany({ where: { id: { in: missing } }, select: { id: true, firstName: true, lastName: true, phone: true } })) known.set(c.id, c);
  const calendarName = new Map(calendars.map((c) => [c.ghlCalendarId, c.name]));
  const p = policy ?? { ...DEFAULT_POLICY };
  return {
    policy: {
      exists: Boolean(policy),
      enabled: p.enabled,
      riskThresholdPercent: Math.round(p.riskThreshold * 100),
      hoursBefore: p.hoursBefore,
      replyDeadlineHours: p.replyDeadlineHours,
      quietStart: hhmmOf(p.quietStartMinute),
      quietEnd: hhmmOf(p.quietEndMinute),
      offerWindowMinutes: p.offerWindowMinutes,
    },
    calendars: calendars.map((c) => ({ id: c.ghlCalendarId, name: c.name })),
    contacts: contacts.map((c) => ({ id: c.id, label: `${nameOf(c)}${c.phone ? ` · ${c.phone}` : ""}` })),
    entries: entries.map((e) => ({
      id: e.id,
      contact: nameOf(known.get(e.contactId)),
      calendar: calendarName.get(e.ghlCalendarId) ?? "A calendar no longer synced",
      days: e.preferredDays,
      from: hhmmOf(e.preferredFromMinute),
      to: e.preferredToMinute === 1440 ? "24:00" : hhmmOf(e.preferredToMinute),
      expiresOn: e.expiresOn.toISOString().slice(0, 10),
      status: e.status,
      note: e.note,
    })),
    openings: openings.map((o) => ({
      id: o.id,
      startTime: o.startTime,
      calendar: calendarName.get(o.ghlCalendarId) ?? "Calendar",
      status: o.status,
      offers: o.offers.map((x) => ({ id: x.id, contact: nameOf(known.get(x.contactId)), status: x.status, sentAt: x.sentAt, expiresAt: x.expiresAt, detail: x.detail })),
    })),
    messages: messages.map((m) => ({
      id: m.id,
      at: m.createdAt,
      direction: m.direction,
      kind: m.kind,
      status: m.status,
      contact: m.contactId ? nameOf(known.get(m.contactId)) : "Not a contact in Sidecar",
      body: m.body,
      detail: m.detail,
    })),
  };
}

export type PreventionPageData = Awaited<ReturnType<typeof loadPreventionPage>>;
