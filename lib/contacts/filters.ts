import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { searchText } from "@/lib/http/search-params";

/**
 * The contact list's filters and sort orders: client-safe, so the filter bar can offer the sorts
 * while lib/contacts/list.ts runs the query they describe.
 */

/** Longer searches are cut here: no name, email or phone needs more. */
export const SEARCH_MAX_LENGTH = 100;

export const CONTACT_SORTS = {
  "-added": { label: "Newest first", orderBy: [{ dateAdded: "desc" }, { id: "desc" }] },
  added: { label: "Oldest first", orderBy: [{ dateAdded: "asc" }, { id: "asc" }] },
  name: { label: "Name A–Z", orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }] },
  "-name": { label: "Name Z–A", orderBy: [{ lastName: "desc" }, { firstName: "desc" }, { id: "desc" }] },
} as const satisfies Record<string, { label: string; orderBy: Prisma.ContactOrderByWithRelationInput[] }>;
export type ContactSort = keyof typeof CONTACT_SORTS;

/** The list's filters, read from the URL; anything malformed falls back to its default. */
export const ZContactFilter = z.object({
  q: searchText(SEARCH_MAX_LENGTH),
  clinic: searchText(64),
  tag: searchText(40, { lowercase: true }),
  sort: z.enum(Object.keys(CONTACT_SORTS) as [ContactSort, ...ContactSort[]]).default("-added").catch("-added"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type ContactFilter = z.output<typeof ZContactFilter>;
