import "server-only";
import { likeLiteral } from "@/lib/db/like";
import type { OrgContext } from "@/lib/auth/context";
import { clinicScope } from "@/lib/auth/context";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { FindingRecord, SuggestedAction } from "@/lib/ops/findings";
import type { TQueueFilter } from "@/lib/ops/schemas";
import { findPeople } from "@/lib/team/people";

export const QUEUE_PAGE_SIZE = 50;

type Ctx = Pick<OrgContext, "db" | "clinicIds"> & { user: { id: string } };

/** Open in the queue: open, or snoozed with the snooze over (the next run flips the status). */
export function openFindingsWhere(now: Date): Prisma.FindingWhereInput {
  return { OR: [{ status: "open" }, { status: "snoozed", snoozedUntil: { lte: now } }] };
}

function viewWhere(filter: TQueueFilter, ctx: Ctx, now: Date): Prisma.FindingWhereInput {
  switch (filter.view) {
    case "mine":
      return { ...openFindingsWhere(now), assigneeUserId: ctx.user.id };
    case "snoozed":
      return { status: "snoozed", snoozedUntil: { gt: now } };
    case "history":
      return { status: "resolved" };
    default:
      return openFindingsWhere(now);
  }
}

export interface QueueFinding {
  id: string;
  locationId: string;
  clinicName: string;
  kind: string;
  severity: string;
  title: string;
  reason: string;
  records: FindingRecord[];
  action: SuggestedAction | null;
  status: string;
  openedAt: Date;
  snoozedUntil: Date | null;
  assignee: { id: string; name: string } | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
  autoResolved: boolean;
}

/** A finding whose title, reason or resolution note contains the text as typed. */
function textMatches(q: string): Prisma.FindingWhereInput[] {
  const contains = likeLiteral(q);
  return [{ title: { contains, mode: "insensitive" } }, { reason: { contains, mode: "insensitive" } }, { resolutionNote: { contains, mode: "insensitive" } }];
}

/**
 * One page of the queue as a member may see it: ranked by severity, then priority, then age
 * (oldest first); the history newest resolution first, searchable by words of the title,
 * reason or resolution note.
 */
export async function listQueue(ctx: Ctx, filter: TQueueFilter, now = new Date()) {
  const where: Prisma.FindingWhereInput = {
    AND: [
      clinicScope(ctx),
      viewWhere(filter, ctx, now),
      filter.clinic ? { locationId: filter.clinic } : {},
      filter.kind ? (filter.kind.includes(".") ? { kind: filter.kind } : { kind: { startsWith: `${likeLiteral(filter.kind)}.` } }) : {},
      filter.q ? { OR: textMatches(filter.q) } : {},
    ],
  };
  const history = filter.view === "history";
  const orderBy: Prisma.FindingOrderByWithRelationInput[] = history
    ? [{ resolvedAt: "desc" }, { id: "asc" }]
    : filter.group === "clinic"
      ? [{ location: { name: "asc" } }, { severityRank: "asc" }, { priority: "desc" }, { openedAt: "asc" }, { id: "asc" }]
      : [{ severityRank: "asc" }, { priority: "desc" }, { openedAt: "asc" }, { id: "asc" }];
  // The page's ids first, then their rows: sorting thousands of findings with their records
  // and suggested actions (JSON) attached costs several times sorting their keys.
  const pageRows = async () => {
    const ids = await ctx.db.finding.findMany({ where, orderBy, skip: (filter.page - 1) * QUEUE_PAGE_SIZE, take: QUEUE_PAGE_SIZE, select: { id: true } });
    if (ids.length === 0) return [];
    const found = await ctx.db.finding.findMany({
      where: { AND: [where, { id: { in: ids.map((r) => r.id) } }] },
      select: {
        id: true, locationId: true, kind: true, severity: true, title: true, reason: true, records: true, action: true, status: true, openedAt: true,
        snoozedUntil: true, assigneeUserId: true, resolvedAt: true, resolvedByUserId: true, resolutionNote: true, autoResolved: true,
        location: { select: { name: true } },
      },
    });
    const byId = new Map(found.map((r) => [r.id, r]));
    return ids.flatMap((r) => byId.get(r.id) ?? []);
  };
  const [rows, total, bySeverity] = await Promise.all([
    pageRows(),
    ctx.db.finding.count({ where }),
    history ? Promise.resolve([]) : ctx.db.finding.groupBy({ by: ["severity"], where, _count: { _all: true } }),
  ]);
  const people = new Map((await findPeople(rows.flatMap((r) => [r.assigneeUserId, r.resolvedByUserId]))).map((p) => [p.id, p.name]));
  const findings: QueueFinding[] = rows.map((r) => ({
    id: r.id,
    locationId: r.locationId,
    clinicName: r.location.name,
    kind: r.kind,
    severity: r.severity,
    title: r.title,
    reason: r.reason,
    records: (Array.isArray(r.records) ? r.records : []) as unknown as FindingRecord[],
    action: (r.action ?? null) as unknown as SuggestedAction | null,
    status: r.status,
    openedAt: r.openedAt,
    snoozedUntil: r.snoozedUntil,
    assignee: r.assigneeUserId ? { id: r.assigneeUserId, name: people.get(r.assigneeUserId) ?? "a former member" } : null,
    resolvedAt: r.resolvedAt,
    resolvedBy: r.resolvedByUserId ? (people.get(r.resolvedByUserId) ?? "a former member") : null,
    resolutionNote: r.resolutionNote,
    autoResolved: r.autoResolved,
  }));
  const counts = Object.fromEntries(bySeverity.map((g) => [g.severity, g._count._all])) as Record<string, number>;
  return { findings, total, counts, pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)) };
}

/** A finding's history, oldest first, with who did each step. */
export async function findingHistory(ctx: Ctx, findingId: string) {
  const finding = await ctx.db.finding.findFirst({ where: { id: findingId, ...clinicScope(ctx) }, select: { id: true } });
  if (!finding) return null;
  const events = await ctx.db.findingEvent.findMany({ where: { findingId }, orderBy: { createdAt: "asc" }, take: 100, select: { id: true, type: true, note: true, actorUserId: true, createdAt: true } });
  const people = new Map((await findPeople(events.map((e) => e.actorUserId))).map((p) => [p.id, p.name]));
  return events.map((e) => ({ ...e, actor: e.actorUserId ? (people.get(e.actorUserId) ?? "a former member") : "Sidecar" }));
}

/** Members a finding of a clinic can be assigned to: owners and admins, and the clinic's own staff. */
export async function assignableMembers(ctx: Pick<OrgContext, "db">) {
  const members = await ctx.db.member.findMany({
    where: { role: { in: ["agency_owner", "agency_admin", "clinic_staff"] } },
    select: { userId: true, role: true, user: { select: { name: true } }, clinics: { select: { locationId: true } } },
    orderBy: { createdAt: "asc" },
  });
  return members.map((m) => ({ userId: m.userId, name: m.user.name, clinicIds: m.role === "clinic_staff" ? m.clinics.map((c) => c.locationId) : null }));
}

/** Open findings per clinic, for the clinic list and the Today tab's count. */
export async function openFindingsForClinic(ctx: Pick<OrgContext, "db">, locationId: string, now = new Date(), take = 20) {
  return ctx.db.finding.findMany({
    where: { locationId, ...openFindingsWhere(now) },
    orderBy: [{ severityRank: "asc" }, { priority: "desc" }, { openedAt: "asc" }],
    take,
    select: { id: true, kind: true, severity: true, title: true, reason: true, openedAt: true },
  });
}
