import { z } from "zod";
import { badRequest, unprocessable } from "./http";
import type { ContactSortField, GhlStore } from "./store";
import { parseInstant } from "./time";
import type { Contact } from "./types";
import { contactName } from "./views";

/**
 * POST /contacts/search. The OpenAPI leaves the body undescribed; this follows the white-label
 * mirror of GHL's docs (reference §1.4, secondary source [G18]): locationId, pageLimit ≤ 500,
 * `page` paging over the first 10,000 results, `searchAfter` cursors beyond, filters with
 * eq/not_eq/contains/not_contains/exists/not_exists/range and AND/OR groups, sort, query.
 */

const OPERATORS = ["eq", "not_eq", "contains", "not_contains", "exists", "not_exists", "range"] as const;
type Operator = (typeof OPERATORS)[number];

export type SearchFilter = { field: string; operator: Operator; value?: unknown } | { group: "AND" | "OR"; filters: SearchFilter[] };

const ZFilter: z.ZodType<SearchFilter> = z.lazy(() =>
  z.union([
    z.strictObject({ field: z.string().min(1), operator: z.enum(OPERATORS), value: z.unknown().optional() }),
    z.strictObject({ group: z.enum(["AND", "OR"]), filters: z.array(ZFilter).min(1) }),
  ]),
);

export const ZContactSearch = z.strictObject({
  locationId: z.string().min(1),
  pageLimit: z.number().int().min(1).max(500),
  page: z.number().int().min(1).optional(),
  searchAfter: z.array(z.union([z.string(), z.number()])).optional(),
  filters: z.array(ZFilter).optional(),
  sort: z.array(z.strictObject({ field: z.string().min(1), direction: z.enum(["asc", "desc"]) })).optional(),
  query: z.string().max(75).optional(),
});
export type ContactSearchRequest = z.output<typeof ZContactSearch>;

/** GHL's search index is Elasticsearch; results past the 10,000th need searchAfter. */
export const PAGE_WINDOW = 10_000;
const MAX_FILTER_VALUE_LENGTH = 75;

type FieldValue = string | number | boolean | readonly string[] | undefined;

const FIELDS: Record<string, (contact: Contact) => FieldValue> = {
  id: (c) => c.id,
  email: (c) => c.email,
  phone: (c) => c.phone,
  firstName: (c) => c.firstName,
  lastName: (c) => c.lastName,
  firstNameLowerCase: (c) => c.firstName?.toLowerCase(),
  lastNameLowerCase: (c) => c.lastName?.toLowerCase(),
  name: (c) => contactName(c),
  companyName: (c) => c.companyName,
  source: (c) => c.source,
  type: (c) => c.type,
  tags: (c) => c.tags,
  dnd: (c) => c.dnd,
  assignedTo: (c) => c.assignedTo,
  city: (c) => c.city,
  state: (c) => c.state,
  country: (c) => c.country,
  postalCode: (c) => c.postalCode,
  timezone: (c) => c.timezone,
  dateAdded: (c) => c.dateAdded,
  dateUpdated: (c) => c.dateUpdated,
};
const DATE_FIELDS = new Set(["dateAdded", "dateUpdated"]);
const SORT_FIELDS: ReadonlySet<string> = new Set<ContactSortField>(["dateAdded", "dateUpdated"]);

type Predicate = (contact: Contact) => boolean;

function isPresent(value: FieldValue): boolean {
  if (value === undefined || value === "") return false;
  return !Array.isArray(value) || value.length > 0;
}

function asInstant(field: string, value: unknown): number {
  const ms = parseInstant(value);
  if (ms === undefined) throw unprocessable([`filters.${field}: ${JSON.stringify(value)} is not a date (ISO string or epoch ms)`]);
  return ms;
}

function compileLeaf(field: string, operator: Operator, value: unknown): Predicate {
  const read = FIELDS[field];
  if (!read) throw unprocessable([`filters.field: ${field} is not a searchable contact field`]);
  if (typeof value === "string" && value.length > MAX_FILTER_VALUE_LENGTH) {
    throw unprocessable([`filters.value must be shorter than or equal to ${MAX_FILTER_VALUE_LENGTH} characters`]);
  }
  if (operator === "exists") return (c) => isPresent(read(c));
  if (operator === "not_exists") return (c) => !isPresent(read(c));
  if (operator === "range") {
    if (!DATE_FIELDS.has(field)) throw unprocessable([`filters.operator: range applies to date fields only, not ${field}`]);
    const bounds = z.strictObject({ gte: z.unknown(), lte: z.unknown(), gt: z.unknown(), lt: z.unknown() }).partial().safeParse(value);
    if (!bounds.success || Object.keys(bounds.data).length === 0) {
      throw unprocessable(["filters.value: range needs an object with gte, gt, lte or lt"]);
    }
    const { gte, gt, lte, lt } = bounds.data;
    const low = gte !== undefined ? asInstant(field, gte) : gt !== undefined ? asInstant(field, gt) + 1 : -Infinity;
    const high = lte !== undefined ? asInstant(field, lte) : lt !== undefined ? asInstant(field, lt) - 1 : Infinity;
    return (c) => {
      const at = read(c) as number;
      return at >= low && at <= high;
    };
  }
  if (value === undefined || value === null) throw unprocessable([`filters.value is required for operator ${operator}`]);
  if (DATE_FIELDS.has(field)) {
    if (operator !== "eq" && operator !== "not_eq") throw unprocessable([`filters.operator: ${operator} does not apply to ${field}`]);
    const at = asInstant(field, value);
    return operator === "eq" ? (c) => read(c) === at : (c) => read(c) !== at;
  }
  const needle = String(value).toLowerCase();
  const test =
    operator === "eq" || operator === "not_eq"
      ? (text: string) => text.toLowerCase() === needle
      : (text: string) => text.toLowerCase().includes(needle);
  const hit: Predicate = (c) => {
    const actual = read(c);
    if (actual === undefined) return false;
    if (Array.isArray(actual)) return actual.some(test);
    return test(String(actual));
  };
  return operator === "eq" || operator === "contains" ? hit : (c) => !hit(c);
}

function compileFilter(filter: SearchFilter): Predicate {
  if ("group" in filter) {
    const parts = filter.filters.map(compileFilter);
    return filter.group === "AND" ? (c) => parts.every((part) => part(c)) : (c) => parts.some((part) => part(c));
  }
  return compileLeaf(filter.field, filter.operator, filter.value);
}

function compileQuery(query: string): Predicate {
  const needle = query.trim().toLowerCase();
  const digits = needle.replace(/\D/g, "");
  return (c) =>
    Boolean(contactName(c)?.toLowerCase().includes(needle)) ||
    Boolean(c.email?.toLowerCase().includes(needle)) ||
    (digits.length >= 3 && Boolean(c.phone?.replace(/\D/g, "").includes(digits)));
}

export interface SearchHit {
  contact: Contact;
  searchAfter: [number, string];
}

export function searchContacts(store: GhlStore, request: ContactSearchRequest): { hits: SearchHit[]; total: number } {
  if (request.page !== undefined && request.searchAfter !== undefined) {
    throw unprocessable(["page and searchAfter cannot be used together"]);
  }
  if ((request.sort?.length ?? 0) > 1) throw unprocessable(["sort: the sandbox supports one sort field (id breaks ties)"]);
  // Without a sort GHL's default order is unconfirmed; newest first by dateAdded is the guess.
  const sort = request.sort?.[0] ?? { field: "dateAdded", direction: "desc" as const };
  if (!SORT_FIELDS.has(sort.field)) throw unprocessable([`sort.field: ${sort.field} is not sortable in the sandbox (dateAdded, dateUpdated)`]);
  const field = sort.field as ContactSortField;
  const sign = sort.direction === "asc" ? 1 : -1;

  const predicates = (request.filters ?? []).map(compileFilter);
  if (request.query) predicates.push(compileQuery(request.query));
  const ascending = store.sortedContacts(request.locationId, field);
  const list = predicates.length ? ascending.filter((c) => predicates.every((predicate) => predicate(c))) : ascending;
  const total = list.length;
  const at = (index: number) => (sign === 1 ? list[index] : list[total - 1 - index]) as Contact;

  let start: number;
  if (request.searchAfter) {
    const [rawValue, afterId] = request.searchAfter;
    const afterValue = parseInstant(rawValue);
    if (request.searchAfter.length !== 2 || afterValue === undefined || typeof afterId !== "string") {
      throw unprocessable([`searchAfter must be [${field} in epoch ms, contact id], as returned on each contact`]);
    }
    // Ties on the sort field are broken by id in the same direction, so the cursor is exact.
    const isAfterCursor = (c: Contact) => sign * (c[field] - afterValue || (c.id < afterId ? -1 : c.id > afterId ? 1 : 0)) > 0;
    let low = 0;
    let high = total;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (isAfterCursor(at(mid))) high = mid;
      else low = mid + 1;
    }
    start = low;
  } else {
    const page = request.page ?? 1;
    start = (page - 1) * request.pageLimit;
    // How GHL answers a page past the window is unconfirmed; refusing makes a client that
    // forgot to switch to searchAfter fail visibly instead of silently missing contacts.
    if (start + request.pageLimit > PAGE_WINDOW) {
      throw badRequest(`page * pageLimit must not exceed ${PAGE_WINDOW}; use searchAfter to read further`);
    }
  }

  const hits: SearchHit[] = [];
  for (let index = start; index < Math.min(total, start + request.pageLimit); index++) {
    const contact = at(index);
    hits.push({ contact, searchAfter: [contact[field], contact.id] });
  }
  return { hits, total };
}
