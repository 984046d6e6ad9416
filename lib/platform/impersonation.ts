import "server-only";
import { z } from "zod";
import type { OrgContext, PlatformContext } from "@/lib/auth/context";
import { ROLE_LABELS, seesAllClinics, type AgencyRole, type Permission } from "@/lib/auth/permissions";
import { systemDb } from "@/lib/db/system";
import { NotFoundError, UserError } from "@/lib/errors";

/** How long a platform admin may look in as a member, in minutes; the longest is the database's bound too. */
export const LOOK_IN_MINUTES = [15, 30, 60] as const;

/**
 * What a platform admin may not do while looking in as a member: money and membership stay with
 * the agency's own people.
 */
export const REFUSED_WHILE_LOOKING_IN: readonly Permission[] = ["billing.manage", "team.manage", "agency.delete"];

export const ZStartImpersonationInput = z.object({
  organizationId: z.string().trim().min(1).max(64),
  memberId: z.string().trim().min(1).max(64),
  reason: z.string().trim().min(10, "Say why in a sentence (at least 10 characters)").max(500, "Keep the reason under 500 characters"),
  minutes: z.coerce
    .number()
    .int()
    .refine((m) => (LOOK_IN_MINUTES as readonly number[]).includes(m), `Choose ${LOOK_IN_MINUTES.join(", ")} minutes`),
});

/** The platform admin behind an org context that was resolved through a look-in. */
export interface Impersonator {
  impersonationId: string;
  userId: string;
  name: string;
  reason: string;
  expiresAt: Date;
}

const db = () => systemDb("platform.impersonation");

/**
 * Starts a look-in as one member of one agency, for this admin session only. Any look-in the
 * session already had ends first, so a session looks in as at most one member at a time.
 */
export async function startImpersonation(ctx: PlatformContext, input: z.output<typeof ZStartImpersonationInput>, now = new Date()) {
  return db().transaction(async (tx) => {
    const member = await tx.member.findFirst({
      where: { id: input.memberId, organizationId: input.organizationId, organization: { type: "agency" } },
      select: { id: true, role: true, organizationId: true, organization: { select: { slug: true } }, clinics: { select: { locationId: true }, take: 1 } },
    });
    if (!member || member.role === "platform_admin") throw new NotFoundError("That member was not found in this agency.");
    if (member.organizationId === ctx.platformOrganizationId) throw new UserError("not_allowed", "Platform admins can't look in as each other.");
    const ended = await tx.impersonation.updateMany({ where: { sessionId: ctx.sessionId, endedAt: null }, data: { endedAt: now } });
    const impersonation = await tx.impersonation.create({
      data: {
        organizationId: member.organizationId,
        memberId: member.id,
        adminUserId: ctx.user.id,
        sessionId: ctx.sessionId,
        reason: input.reason,
        startedAt: now,
        expiresAt: new Date(now.getTime() + input.minutes * 60_000),
      },
      select: { id: true, expiresAt: true },
    });
    const role = member.role as AgencyRole;
    const clinic = member.clinics[0]?.locationId;
    const home = seesAllClinics(role) || !clinic ? `/agency/${member.organization.slug}/admin` : `/agency/${member.organization.slug}/clinic/${clinic}`;
    return { ...impersonation, slug: member.organization.slug, role, home, endedOthers: ended.count };
  });
}

/** Ends the session's look-in, if any; the agency it was in, for the audit entry and the way back. */
export async function endImpersonation(ctx: PlatformContext, now = new Date()) {
  return db().transaction(async (tx) => {
    const current = await tx.impersonation.findFirst({
      where: { sessionId: ctx.sessionId, endedAt: null },
      orderBy: { startedAt: "desc" },
      select: { id: true, organizationId: true, memberId: true },
    });
    if (!current) return null;
    await tx.impersonation.updateMany({ where: { sessionId: ctx.sessionId, endedAt: null }, data: { endedAt: now } });
    return current;
  });
}

/** The member a session is looking in as at the agency with this slug, while the look-in lasts. */
export async function findActiveImpersonation(sessionId: string, slug: string, now = new Date()) {
  return db().impersonation.findFirst({
    where: { sessionId, endedAt: null, expiresAt: { gt: now }, organization: { slug, type: "agency" } },
    orderBy: { startedAt: "desc" },
    select: {
      id: true,
      reason: true,
      expiresAt: true,
      adminUserId: true,
      member: {
        select: {
          id: true,
          role: true,
          organizationId: true,
          user: { select: { id: true, name: true, email: true } },
          organization: { select: { id: true, name: true, slug: true, idleTimeoutMinutes: true } },
          clinics: { select: { locationId: true } },
        },
      },
    },
  });
}

/** The agency whose look-in just ran out for this session, so its pages can send the admin back. */
export async function findLapsedImpersonation(sessionId: string, slug: string, now = new Date()) {
  return db().impersonation.findFirst({
    where: { sessionId, endedAt: null, expiresAt: { lte: now }, organization: { slug } },
    orderBy: { startedAt: "desc" },
    select: { organizationId: true },
  });
}

/** What the look-in banner says, for a context resolved through a look-in; null otherwise. */
export function lookInBanner(ctx: Pick<OrgContext, "impersonator" | "user" | "role" | "organization">) {
  if (!ctx.impersonator) return null;
  const until = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" }).format(ctx.impersonator.expiresAt);
  return {
    adminName: ctx.impersonator.name,
    memberName: ctx.user.name,
    roleLabel: ROLE_LABELS[ctx.role],
    reason: ctx.impersonator.reason,
    until,
    backHref: `/platform/agencies/${ctx.organization.id}`,
  };
}
