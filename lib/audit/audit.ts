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

/**
 * Writes one audit row. An agency's rows go through its org-scoped client; a failure to write
 * is logged loudly but never turns a completed change into an error for the user.
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
    } else {
      await systemDb("platform.audit").auditLog.create({ data: { ...data, organizationId: null } });
    }
  } catch (err) {
    log.error({ err, action: entry.action, organizationId: entry.organizationId }, "audit entry could not be written");
  }
}
