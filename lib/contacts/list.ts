import "server-only";
import { likeLiteral } from "@/lib/db/like";
import { clinicScope, type OrgContext } from "@/lib/auth/context";
import { parseSearch, searchCandidateIds, type ParsedSearch } from "@/lib/contacts/search";
import type { Prisma } from "@/lib/generated/prisma/client";
import { tenantMemo } from "@/lib/cache/tenant-memo";
import { CONTACT_SORTS, SEARCH_MAX_LENGTH, type ContactFilter } from "@/lib/contacts/filters";

export const CONTACTS_PAGE_SIZE = 50;

/** Each word must appear in a name or the email; a phone-shaped query, in the phone's digits. */
function searchWhere(search: ParsedSearch): Prisma.ContactWhereInput[] {
  if (search.phoneDigits) return [{ phone: { contains: search.phoneDigits } }];
  return search.words.map(likeLiteral).map((contains) => ({
    OR: [
      { firstName: { contains, mode: "insensitive" } },
      { lastName: { contains, mode: "insensitive" } },
      { email: { contains, mode: "insensitive" } },
    ],
  }));
}

/**
 * The filter as a Prisma condition. `candidateIds`, when given, are the search's matches found
 * through the trigram index: the row-by-row match then only re-checks those rows.
 */
export function contactWhere(
  ctx: Pick<OrgContext, "clinicIds">,
  filter: Omit<ContactFilter, "sort" | "page">,
  candidateIds: string[] | null = null,
): Prisma.ContactWhereInput {
  const and: Prisma.ContactWhereInput[] = [];
  // Beside the member's clinic scope, not instead of it: a clinic outside it matches nothing.
  if (filter.clinic) and.push({ locationId: filter.clinic });
  if (filter.q) and.push(...searchWhere(parseSearch(filter.q)));
  if (candidateIds) and.push({ id: { in: candidateIds } });
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
 * One page of the contacts the member may see, with how many match. A search or a tag filter
 * first asks the indexes for its matches; when it has too many for that to pay, the rows are
 * matched one by one (newest first, so a common match fills the page early) and not counted (the page reads one row past its end to know whether another
 * follows). Counts stop at COUNT_CAP.
 */
export async function listContacts(ctx: Pick<OrgContext, "clinicIds" | "db">, filter: ContactFilter) {
  // A tag narrows the indexed search, and a tag alone is looked up the same way.
  const indexed = Boolean(filter.q || filter.tag);
  const candidates = indexed ? await searchCandidateIds(ctx.db, filter.q ? parseSearch(filter.q) : { words: [], phoneDigits: null }, filter.tag || null) : null;
  const broadSearch = indexed && candidates === null;
  const where = contactWhere(ctx, filter, candidates);
  const offset = (filter.page - 1) * CONTACTS_PAGE_SIZE;
  const [found, counted] = await Promise.all([
    ctx.db.contact.findMany({
      where,
      select: CONTACT_LIST_SELECT,
      orderBy: [...CONTACT_SORTS[filter.sort].orderBy],
      skip: offset,
      take: CONTACTS_PAGE_SIZE + 1,
    }),
    broadSearch ? null : ctx.db.contact.count({ where, take: COUNT_CAP + 1 }),
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

/** The first `limit` matches of a search by name, for pickers such as the booking form's patient search. */
export async function findContactMatches(
  ctx: Pick<OrgContext, "clinicIds" | "db">,
  filter: { q: string; clinic?: string },
  limit = 10,
) {
  const q = filter.q.trim().slice(0, SEARCH_MAX_LENGTH);
  if (q.length < 2) return [];
  const candidates = await searchCandidateIds(ctx.db, parseSearch(q));
  return ctx.db.contact.findMany({
    where: contactWhere(ctx, { q, clinic: filter.clinic }, candidates),
    orderBy: [...CONTACT_SORTS.name.orderBy],
    take: limit,
    select: { id: true, firstName: true, lastName: true, email: true, phone: true },
  });
}

/** How long the tag filter's list may lag a change: it costs a scan of the agency's contacts. */
export const TOP_TAGS_TTL_MS = 60_000;
const topTagsMemo = tenantMemo<string[]>(TOP_TAGS_TTL_MS);

/** The agency's most used tags, for the filter (up to a minute old). */
export async function topContactTags(ctx: Pick<OrgContext, "clinicIds" | "db">, limit = 30): Promise<string[]> {
  const key = `${limit}:${ctx.clinicIds === null ? "*" : [...ctx.clinicIds].sort().join(",")}`;
  return topTagsMemo(ctx.db.organizationId, key, async () => {
    const rows = await ctx.db.read(
      (tx) => tx.$queryRaw<{ tag: string }[]>`
        SELECT t.tag FROM "Contact" c, unnest(c."tags") AS t(tag)
        WHERE c."organizationId" = ${ctx.db.organizationId} AND c."deletedAt" IS NULL
          AND (${ctx.clinicIds === null} OR c."locationId" = ANY(${ctx.clinicIds ?? []}))
        GROUP BY t.tag ORDER BY count(*) DESC, t.tag LIMIT ${limit}`,
    );
    return rows.map((r) => r.tag).sort();
  });
}
