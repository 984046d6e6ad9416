import "server-only";
import { z } from "zod";
import { auditWhere, ZAuditFilter } from "@/lib/audit/queries";
import { systemDb } from "@/lib/db/system";
import { searchText } from "@/lib/http/search-params";
import { findPeople } from "@/lib/team/people";

export const PLATFORM_AUDIT_PAGE_SIZE = 50;

export const ZPlatformAuditFilter = ZAuditFilter.omit({ actor: true }).extend({ agency: searchText(64) });
export type TPlatformAuditFilter = z.output<typeof ZPlatformAuditFilter>;

/** Every organization's audit log, newest first: what the platform team reads when something went wrong. */
export async function findPlatformAuditLog(filter: TPlatformAuditFilter) {
  const where = {
    ...(filter.agency ? { organizationId: filter.agency === "platform" ? null : filter.agency } : {}),
    ...auditWhere(filter),
  };
  const db = systemDb("platform.oversight");
  const [entries, total, agencies] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: { createdAt: "desc" }, skip: (filter.page - 1) * PLATFORM_AUDIT_PAGE_SIZE, take: PLATFORM_AUDIT_PAGE_SIZE }),
    db.auditLog.count({ where }),
    db.organization.findMany({ where: { type: "agency" }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const people = await findPeople(entries.flatMap((e) => [e.actorUserId, e.impersonatorUserId]));
  return { entries, total, pages: Math.max(1, Math.ceil(total / PLATFORM_AUDIT_PAGE_SIZE)), agencies, people };
}

const UNHEALTHY = ["error", "disconnected", "degraded", "pending"] as const;
const SEVERITY: Record<string, number> = { error: 0, disconnected: 1, degraded: 2, pending: 3 };

/** Every clinic on Sidecar whose GHL sync is not healthy, the worst first, with its agency. */
export async function findUnhealthySyncs() {
  const rows = await systemDb("platform.oversight").locationSync.findMany({
    where: { health: { in: [...UNHEALTHY] } },
    select: {
      locationId: true,
      health: true,
      lastSyncedAt: true,
      lastError: true,
      consecutiveFailures: true,
      location: { select: { name: true, organization: { select: { id: true, name: true } } } },
    },
    take: 500,
  });
  const sorted = rows.sort(
    (a, b) => SEVERITY[a.health]! - SEVERITY[b.health]! || b.consecutiveFailures - a.consecutiveFailures || (a.lastSyncedAt?.getTime() ?? 0) - (b.lastSyncedAt?.getTime() ?? 0),
  );
  const agencies = new Set(sorted.map((r) => r.location.organization.id));
  return { clinics: sorted, agencyCount: agencies.size };
}
