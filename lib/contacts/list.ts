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

/** Typed like a phone number: digits with spaces, dashes, dots, brackets or a plus. */
const PHONE_LIKE = /^[\d\s().+-]+$/;

/**
 * Every word of the search must match the start or middle of a name, the email or the phone
 * (the trigram index serves ILIKE '%word%'). A query typed like a phone number — "(555) 201-44"
 * — is one term, matched as digits against the stored E.164 phone.
 */
function searchWhere(q: string): Prisma.ContactWhereInput[] {
  const digits = q.replace(/\D/g, "");
  if (PHONE_LIKE.test(q) && digits.length >= 3) return [{ phone: { contains: digits } }];
  const words = q.split(/\s+/).filter(Boolean).slice(0, 5);
  return words.map((word) => ({
    OR: [
      { firstName: { contains: word, mode: "insensitive" } },
      { lastName: { contains: word, mode: "insensitive" } },
      { email: { contains: word, mode: "insensitive" } },
    ],
  }));
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

/** Counting every match of a broad filter costs more than the page itself; past this, "10,000+". */
export const COUNT_CAP = 10_000;

/**
 * One page of the contacts the member may see. Without a search the matches are counted (up
 * to COUNT_CAP). A search is not: counting would read every row it could match. The page reads
 * one row past its end instead, to know whether another page follows.
 */
export async function listContacts(ctx: Pick<OrgContext, "clinicIds" | "db">, filter: ContactFilter) {
  const where = contactWhere(ctx, filter);
  const offset = (filter.page - 1) * CONTACTS_PAGE_SIZE;
  const [found, counted] = await Promise.all([
    ctx.db.contact.findMany({
      where,
      select: CONTACT_LIST_SELECT,
      orderBy: [...CONTACT_SORTS[filter.sort].orderBy],
      skip: offset,
      take: CONTACTS_PAGE_SIZE + 1,
    }),
    filter.q ? null : ctx.db.contact.count({ where, take: COUNT_CAP + 1 }),
  ]);
  const rows = found.slice(0, CONTACTS_PAGE_SIZE);
  const hasNext = found.length > CONTACTS_PAGE_SIZE;
  if (counted === null) {
    const total = offset + rows.length;
    return { rows, total, capped: hasNext, hasNext, pages: filter.page };
  }
  const capped = counted > COUNT_CAP;
  const total = Math.min(counted, COUNT_CAP);
  return { rows, total, capped, hasNext, pages: Math.max(1, Math.ceil(total / CONTACTS_PAGE_SIZE)) };
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
