import "server-only";
import { z } from "zod";
import type { BillingState } from "@/lib/billing/entitlements";
import { auditWhere, ZAuditFilter } from "@/lib/audit/queries";
import { systemDb } from "@/lib/db/system";
import { searchText } from "@/lib/http/search-params";
import { findPeople } from "@/lib/team/people";

export const PLATFORM_AUDIT_PAGE_SIZE = 50;

const BILLING_STATES = ["unbilled", "trialing", "active", "past_due", "trial_expired", "grace_over", "canceled", "unpaid", "paused", "incomplete"] as const satisfies readonly BillingState[];

/** The /platform agency list's search and filters; anything unreadable means "no filter". */
export const ZAgencyListFilter = z.object({
  q: searchText(100, { lowercase: true }),
  state: z.enum(BILLING_STATES).optional().catch(undefined),
  sync: z.enum(["failing"]).optional().catch(undefined),
});

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

export interface AgencyActivity {
  lastActivityAt: Date | null;
  failingClinics: number;
  askTokensThisMonth: number;
}

/** Per agency: its newest audit entry, its clinics whose sync is failing, and this month's Ask Sidecar tokens. */
export async function agencyActivity(now = new Date()): Promise<Map<string, AgencyActivity>> {
  const db = systemDb("platform.oversight");
  const month = now.toISOString().slice(0, 7);
  const [activity, failing, usage] = await Promise.all([
    db.auditLog.groupBy({ by: ["organizationId"], where: { organizationId: { not: null } }, _max: { createdAt: true } }),
    db.locationSync.groupBy({ by: ["organizationId"], where: { health: { in: ["error", "disconnected", "degraded"] } }, _count: { _all: true } }),
    db.askUsage.findMany({ where: { month }, select: { organizationId: true, inputTokens: true, outputTokens: true } }),
  ]);
  const byAgency = new Map<string, AgencyActivity>();
  const entry = (id: string) => byAgency.get(id) ?? byAgency.set(id, { lastActivityAt: null, failingClinics: 0, askTokensThisMonth: 0 }).get(id)!;
  for (const a of activity) if (a.organizationId) entry(a.organizationId).lastActivityAt = a._max.createdAt;
  for (const f of failing) entry(f.organizationId).failingClinics = f._count._all;
  for (const u of usage) entry(u.organizationId).askTokensThisMonth += u.inputTokens + u.outputTokens;
  return byAgency;
}
