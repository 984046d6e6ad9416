import type { Prisma } from "@/lib/generated/prisma/client";
import { DEMO_AGENCY } from "@/scripts/demo/data";

const PAT = "usr_platform_admin";
const DANA = "usr_agency_owner";
const REASON = "Dana asked why Denver's calendar stopped syncing";

/**
 * A look-in the platform made three days ago, so the platform agency page lists one and Digital
 * Desk's audit log shows Pat acting as Dana: started, one change, ended.
 */
export function demoLookIn(now: Date): { impersonation: Prisma.ImpersonationCreateManyInput; audit: Prisma.AuditLogCreateManyInput[] } {
  const startedAt = new Date(now.getTime() - 3 * 86_400_000);
  const at = (minutes: number) => new Date(startedAt.getTime() + minutes * 60_000);
  const impersonation = {
    id: "imp_demo_denver",
    organizationId: DEMO_AGENCY.id,
    memberId: "mem_agency_owner",
    adminUserId: PAT,
    sessionId: null,
    reason: REASON,
    startedAt,
    expiresAt: at(30),
    endedAt: at(12),
  };
  const audit: Prisma.AuditLogCreateManyInput[] = [
    {
      id: "aud_demo_look_in_start",
      organizationId: DEMO_AGENCY.id,
      actorUserId: PAT,
      action: "platform.impersonation-start",
      targetType: "member",
      targetId: "mem_agency_owner",
      metadata: { reason: REASON, minutes: 30, impersonationId: impersonation.id },
      createdAt: startedAt,
    },
    {
      id: "aud_demo_look_in_sync",
      organizationId: DEMO_AGENCY.id,
      actorUserId: DANA,
      impersonatorUserId: PAT,
      action: "ghl.sync-now",
      targetType: "location",
      targetId: "loc_denver",
      createdAt: at(4),
    },
    {
      id: "aud_demo_look_in_end",
      organizationId: DEMO_AGENCY.id,
      actorUserId: PAT,
      action: "platform.impersonation-end",
      targetType: "organization",
      targetId: DEMO_AGENCY.id,
      createdAt: at(12),
    },
  ];
  return { impersonation, audit };
}
