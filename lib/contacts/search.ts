import "server-only";
import type { OrgDb } from "@/lib/db";

/** Typed like a phone number: digits with spaces, dashes, dots, brackets or a plus. */
const PHONE_LIKE = /^[\d\s().+-]+$/;
const MAX_WORDS = 5;
/** Past this many candidates a search is broad: reading the table beats an index. */
export const SEARCH_CANDIDATE_CAP = 2_000;

export interface ParsedSearch {
  words: string[];
  phoneDigits: string | null;
}

/** "(555) 201-44" is one phone term in digits; anything else is up to five words. */
export function parseSearch(q: string): ParsedSearch {
  const digits = q.replace(/\D/g, "");
  if (PHONE_LIKE.test(q) && digits.length >= 3) return { words: [], phoneDigits: digits };
  return { words: q.split(/\s+/).filter(Boolean).slice(0, MAX_WORDS), phoneDigits: null };
}

/**
 * The ids of the organization's contacts matching a search and/or carrying a tag, found through
 * the trigram and tag indexes by search_contact_ids (see its migrations for why it runs as the
 * table owner: under row-level security neither ILIKE nor a tag test can use an index); null
 * when more than SEARCH_CANDIDATE_CAP match, and the page is better served by reading the table.
 */
export async function searchCandidateIds(db: OrgDb, search: ParsedSearch, tag: string | null = null): Promise<string[] | null> {
  const rows = await db.read(
    (tx) => tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM search_contact_ids(${search.words}::text[], ${search.phoneDigits}, ${tag}, ${SEARCH_CANDIDATE_CAP + 1})`,
  );
  return rows.length > SEARCH_CANDIDATE_CAP ? null : rows.map((r) => r.id);
}
