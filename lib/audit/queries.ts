import "server-only";
import { likeLiteral } from "@/lib/db/like";
import { z } from "zod";
import type { OrgDb } from "@/lib/db";
import { findPeople } from "@/lib/team/people";
import { searchText } from "@/lib/http/search-params";
import { isDateKey } from "@/lib/calendar/views";

export const AUDIT_PAGE_SIZE = 50;

export const ZAuditFilter = z.object({
  action: searchText(64),
  actor: searchText(64),
  outcome: z.enum(["success", "failure"]).optional().catch(undefined),
  from: z.iso.date().refine(isDateKey).optional().catch(undefined),
  to: z.iso.date().refine(isDateKey).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type TAuditFilter = z.output<typeof ZAuditFilter>;

/** The filters every audit view shares (action prefix, outcome, UTC dates) as a Prisma where. */
export function auditWhere(filter: Pick<TAuditFilter, "action" | "outcome" | "from" | "to">) {
  return {
    ...(filter.action ? { action: { startsWith: likeLiteral(filter.action) } } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.from || filter.to
      ? {
          createdAt: {
            ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
            ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
          },
        }
      : {}),
  };
}

/** One page of an agency's audit log, newest first, with the actors' names. */
export async function findAuditLog(db: OrgDb, filter: TAuditFilter) {
  const where = { ...auditWhere(filter), ...(filter.actor ? { actorUserId: filter.actor } : {}) };
  const [entries, total, actions, actorIds] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: { createdAt: "desc" }, skip: (filter.page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
    db.auditLog.count({ where }),
    db.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    db.auditLog.groupBy({ by: ["actorUserId"] }),
  ]);
  const actorSet = new Set(actorIds.map((a) => a.actorUserId));
  const users = await findPeople([...actorSet, ...entries.map((e) => e.impersonatorUserId)]);
  return {
    entries,
    total,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    actions: actions.map((a) => a.action),
    actors: users.filter((u) => actorSet.has(u.id)).sort((a, b) => a.name.localeCompare(b.name)),
    /** Everyone the page's entries name, platform admins who looked in included. */
    people: users,
  };
}
