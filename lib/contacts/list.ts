import "server-only";
import { z } from "zod";
import { clinicScope, type OrgContext } from "@/lib/auth/context";
import type { Prisma } from "@/lib/generated/prisma/client";

export const CONTACTS_PAGE_SIZE = 50;

export const CONTACT_SORTS = {
  "-added": { label: "Newest first", orderBy: [{ dateAdded: "desc" }, { id: "desc" }] },
  added: { label: "Oldest first", orderBy: [{ dateAdded: "asc" }, { id: "asc" }] },
  name: { label: "Name A–Z", orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }] },
  "-name": { label: "Name Z–A", orderBy: [{ lastName: "desc" }, { firstName: "desc" }, { id: "desc" }] },
} as const satisfies Record<string, { label: string; orderBy: Prisma.ContactOrderByWithRelationInput[] }>;
export type ContactSort = keyof typeof CONTACT_SORTS;

/** The list's filters, read from the URL; anything malformed falls back to its default. */
export const ZContactFilter = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  clinic: z.string().trim().max(64).optional().catch(undefined),
  tag: z.string().trim().toLowerCase().max(40).optional().catch(undefined),
  sort: z.enum(Object.keys(CONTACT_SORTS) as [ContactSort, ...ContactSort[]]).default("-added").catch("-added"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type ContactFilter = z.output<typeof ZContactFilter>;

/**
 * Every word of the search must match the start or middle of a name, the email or the phone
 * (the trigram index serves ILIKE '%word%'). Digits typed with punctuation — "(555) 201" —
 * are matched against the stored E.164 phone as digits.
 */
function searchWhere(q: string): Prisma.ContactWhereInput[] {
  const words = q.split(/\s+/).filter(Boolean).slice(0, 5);
  return words.map((word) => {
    const digits = word.replace(/\D/g, "");
    const fields: Prisma.ContactWhereInput[] = [
      { firstName: { contains: word, mode: "insensitive" } },
      { lastName: { contains: word, mode: "insensitive" } },
      { email: { contains: word, mode: "insensitive" } },
    ];
    if (digits.length >= 3) fields.push({ phone: { contains: digits } });
    return { OR: fields };
  });
}

export function contactWhere(ctx: Pick<OrgContext, "clinicIds">, filter: Omit<ContactFilter, "sort" | "page">): Prisma.ContactWhereInput {
  const and: Prisma.ContactWhereInput[] = [];
  // Beside the member's clinic scope, not instead of it: a clinic outside it matches nothing.
  if (filter.clinic) and.push({ locationId: filter.clinic });
  if (filter.q) and.push(...searchWhere(filter.q));
  return {
    deletedAt: null,
    ...clinicScope(ctx),
    ...(filter.tag ? { tags: { has: filter.tag } } : {}),
    ...(and.length ? { AND: and } : {}),
  };
}

export const CONTACT_LIST_SELECT = {
  id: true,
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  tags: true,
  dateAdded: true,
  location: { select: { id: true, name: true } },
} as const satisfies Prisma.ContactSelect;

/** One page of the contacts the member may see, and how many match in all. */
export async function listContacts(ctx: Pick<OrgContext, "clinicIds" | "db">, filter: ContactFilter) {
  const where = contactWhere(ctx, filter);
  const [rows, total] = await Promise.all([
    ctx.db.contact.findMany({
      where,
      select: CONTACT_LIST_SELECT,
      orderBy: [...CONTACT_SORTS[filter.sort].orderBy],
      skip: (filter.page - 1) * CONTACTS_PAGE_SIZE,
      take: CONTACTS_PAGE_SIZE,
    }),
    ctx.db.contact.count({ where }),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / CONTACTS_PAGE_SIZE)) };
}

/** The agency's most used tags, for the filter. */
export async function topContactTags(ctx: Pick<OrgContext, "clinicIds" | "db">, limit = 30): Promise<string[]> {
  const rows = await ctx.db.transaction(
    (tx) => tx.$queryRaw<{ tag: string }[]>`
      SELECT t.tag FROM "Contact" c, unnest(c."tags") AS t(tag)
      WHERE c."organizationId" = ${ctx.db.organizationId} AND c."deletedAt" IS NULL
        AND (${ctx.clinicIds === null} OR c."locationId" = ANY(${ctx.clinicIds ?? []}))
      GROUP BY t.tag ORDER BY count(*) DESC, t.tag LIMIT ${limit}`,
  );
  return rows.map((r) => r.tag).sort();
}
