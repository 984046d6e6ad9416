import "server-only";
import { canSeeClinic, type OrgContext } from "@/lib/auth/context";
import { findPeople } from "@/lib/team/people";

const HISTORY_LIMIT = 100;

/** A contact with its clinic, appointment history and notes; null when missing or out of scope. */
export async function getContactDetail(ctx: Pick<OrgContext, "clinicIds" | "db">, contactId: string) {
  const contact = await ctx.db.contact.findUnique({
    where: { id: contactId },
    include: { location: { select: { id: true, name: true, timezone: true } } },
  });
  if (!contact || contact.deletedAt || !canSeeClinic(ctx, contact.locationId)) return null;
  const [appointments, notes] = await Promise.all([
    ctx.db.appointment.findMany({
      where: { contactId, deletedAt: null },
      orderBy: { startTime: "desc" },
      take: HISTORY_LIMIT,
      select: { id: true, title: true, status: true, startTime: true, endTime: true },
    }),
    ctx.db.contactNote.findMany({ where: { contactId }, orderBy: { createdAt: "desc" }, take: HISTORY_LIMIT }),
  ]);
  const authors = new Map((await findPeople(notes.map((note) => note.authorUserId))).map((person) => [person.id, person.name]));
  const notesWithAuthors = notes.map((note) => ({ ...note, authorName: authors.get(note.authorUserId ?? "") ?? null }));
  return { contact, appointments, notes: notesWithAuthors };
}

/** GHL custom fields arrive as [{ id, value }]: shown as label/value pairs. */
export function customFieldEntries(customFields: unknown): Array<{ id: string; value: string }> {
  if (!Array.isArray(customFields)) return [];
  return customFields.flatMap((field) => {
    if (!field || typeof field !== "object" || !("id" in field)) return [];
    const { id, value } = field as { id: unknown; value: unknown };
    if (typeof id !== "string" || value === null || value === undefined || value === "") return [];
    return [{ id, value: Array.isArray(value) ? value.join(", ") : String(value) }];
  });
}
