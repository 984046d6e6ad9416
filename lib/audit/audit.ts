import "server-only";
import { systemDb } from "@/lib/db/system";
import { forOrg } from "@/lib/db";
import { log } from "@/lib/log";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface AuditEntry {
  /** null for platform-level events. */
  organizationId: string | null;
  actorUserId: string | null;
  /** "<area>.<verb>", e.g. "team.invite". */
  action: string;
  outcome?: "success" | "failure";
  targetType?: string;
  targetId?: string;
  metadata?: Prisma.InputJsonValue;
  /** The platform admin who acted while looking in as `actorUserId`. */
  impersonatorUserId?: string | null;
}

/** How stale an agency's lastActivityAt may be: /platform shows it to the minute. */
const ACTIVITY_RESOLUTION_MS = 60_000;
const stampedAt = new Map<string, number>();

/**
 * Organization.lastActivityAt, moved forward at most once a minute per agency: this process
 * skips the write when it stamped the agency less than a minute ago, and the conditional update
 * skips it when another process did. /platform reads the column instead of grouping the log.
 */
export async function stampActivity(organizationId: string, now = new Date()): Promise<void> {
  const last = stampedAt.get(organizationId);
  if (last !== undefined && now.getTime() - last < ACTIVITY_RESOLUTION_MS) return;
  if (stampedAt.size > 10_000) stampedAt.clear();
  stampedAt.set(organizationId, now.getTime());
  await systemDb("orgs.directory").organization.updateMany({
    where: { id: organizationId, OR: [{ lastActivityAt: null }, { lastActivityAt: { lte: new Date(now.getTime() - ACTIVITY_RESOLUTION_MS) } }] },
    data: { lastActivityAt: now },
  });
}

/**
 * Writes one audit row. An agency's rows go through its org-scoped client (and mark the agency
 * active); a failure to write is logged loudly but never turns a completed change into an error
 * for the user.
 */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  const data = {
    actorUserId: entry.actorUserId,
    action: entry.action,
    outcome: entry.outcome ?? "success",
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    metadata: entry.metadata,
    impersonatorUserId: entry.impersonatorUserId ?? null,
  };
  try {
    if (entry.organizationId) {
      await forOrg(entry.organizationId).auditLog.create({ data: { ...data, organizationId: entry.organizationId } });
      await stampActivity(entry.organizationId);
    } else {
      await systemDb("platform.audit").auditLog.create({ data: { ...data, organizationId: null } });
    }
  } catch (err) {
    log.error({ err, action: entry.action, organizationId: entry.organizationId }, "audit entry could not be written");
  }
}
