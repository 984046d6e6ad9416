import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { findContactMatches } from "@/lib/contacts/list";

export interface ContactLookup {
  id: string;
  firstName: string | null;
  lastName: string | null;
  locationId: string;
  clinicName: string;
  nextAppointment: { id: string; startTime: Date; status: string } | null;
  lastVisit: { id: string; startTime: Date; status: string } | null;
  upcomingCount: number;
}

/**
 * Contacts matching a search by name, within the member's clinics, each with its next booked
 * appointment and its last past one. Three statements whatever the number of matches.
 */
export async function lookupContacts(ctx: Pick<OrgContext, "clinicIds" | "db">, q: string, now = new Date(), limit = 5): Promise<ContactLookup[]> {
  const matches = await findContactMatches(ctx, { q }, limit);
  if (matches.length === 0) return [];
  const ids = matches.map((m) => m.id);
  const [contacts, appointments] = await Promise.all([
    ctx.db.contact.findMany({ where: { id: { in: ids } }, select: { id: true, locationId: true, location: { select: { name: true } } } }),
    ctx.db.appointment.findMany({
      where: { contactId: { in: ids }, deletedAt: null },
      orderBy: { startTime: "asc" },
      take: 500,
      select: { id: true, contactId: true, startTime: true, status: true },
    }),
  ]);
  const where = new Map(contacts.map((c) => [c.id, c]));
  return matches.map((m) => {
    const mine = appointments.filter((a) => a.contactId === m.id);
    const upcoming = mine.filter((a) => a.startTime >= now && a.status !== "cancelled");
    const past = mine.filter((a) => a.startTime < now);
    const pick = (a: (typeof mine)[number] | undefined) => (a ? { id: a.id, startTime: a.startTime, status: a.status } : null);
    return {
      id: m.id,
      firstName: m.firstName,
      lastName: m.lastName,
      locationId: where.get(m.id)?.locationId ?? "",
      clinicName: where.get(m.id)?.location.name ?? "",
      nextAppointment: pick(upcoming[0]),
      lastVisit: pick(past[past.length - 1]),
      upcomingCount: upcoming.length,
    };
  });
}
