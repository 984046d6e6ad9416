import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { systemDb } from "@/lib/db/system";
import { forMember, type OrgDb } from "@/lib/db";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { can, seesAllClinics, type AgencyRole, type Permission } from "@/lib/auth/permissions";
import { getCurrentSession, type CurrentSession, type SessionUser } from "@/lib/auth/session";
import { requestHeaders } from "@/lib/auth/request";

export interface OrgContext {
  user: SessionUser;
  sessionId: string;
  organization: { id: string; name: string; slug: string; idleTimeoutMinutes: number };
  memberId: string;
  role: AgencyRole;
  /** null: every clinic of the agency; otherwise only these (clinic staff). */
  clinicIds: string[] | null;
  db: OrgDb;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * The one place that turns (session, slug) into an organization context. A slug that does not
 * exist and an agency the user is not a member of give the same null.
 */
export async function resolveOrgContext(session: CurrentSession, slug: string): Promise<OrgContext | null> {
  if (typeof slug !== "string" || !SLUG.test(slug)) return null;
  const member = await systemDb("auth.membership").member.findFirst({
    where: { userId: session.user.id, organization: { slug, type: "agency" } },
    include: {
      organization: { select: { id: true, name: true, slug: true, idleTimeoutMinutes: true } },
      clinics: { select: { locationId: true } },
    },
  });
  if (!member || member.role === "platform_admin") return null;
  const clinicIds = seesAllClinics(member.role) ? null : member.clinics.map((c) => c.locationId);
  return {
    user: session.user,
    sessionId: session.sessionId,
    organization: member.organization,
    memberId: member.id,
    role: member.role,
    clinicIds,
    db: forMember(member.organizationId, clinicIds),
  };
}

/** For server actions and route handlers: throws the refusal the wrapper turns into a result. */
export async function requireMember(session: CurrentSession | null, slug: string, permission: Permission): Promise<OrgContext> {
  if (!session) throw new UnauthenticatedError();
  const ctx = await resolveOrgContext(session, slug);
  if (!ctx) throw new NotFoundError();
  if (!can(ctx.role, permission)) throw new ForbiddenError();
  return ctx;
}

async function loginRedirect(): Promise<never> {
  const path = (await requestHeaders()).get("x-sidecar-path");
  redirect(path ? `/login?next=${encodeURIComponent(path)}` : "/login");
}

/**
 * For pages: the org context, or the login page when signed out, or 404 when the user is not a
 * member or lacks the permission. Cached per request, so a layout and its page share one lookup.
 */
export const requireMemberPage = cache(async (slug: string, permission: Permission): Promise<OrgContext> => {
  const session = await getCurrentSession();
  if (!session) return loginRedirect();
  const ctx = await resolveOrgContext(session, slug);
  if (!ctx || !can(ctx.role, permission)) notFound();
  return ctx;
});

export function canSeeClinic(ctx: Pick<OrgContext, "clinicIds">, locationId: string): boolean {
  return ctx.clinicIds === null || ctx.clinicIds.includes(locationId);
}

/** Clinic staff asking for a clinic they are not assigned to get the same answer as a stranger. */
export function assertClinicAccess(ctx: Pick<OrgContext, "clinicIds">, locationId: string): void {
  if (!canSeeClinic(ctx, locationId)) throw new NotFoundError();
}

/** A Prisma filter limiting a tenant query to the clinics the member may see. */
export function clinicScope(ctx: Pick<OrgContext, "clinicIds">): { locationId?: { in: string[] } } {
  return ctx.clinicIds === null ? {} : { locationId: { in: ctx.clinicIds } };
}

export interface PlatformContext {
  user: SessionUser;
  sessionId: string;
  platformOrganizationId: string;
}

export async function resolvePlatformContext(session: CurrentSession): Promise<PlatformContext | null> {
  const member = await systemDb("auth.membership").member.findFirst({
    where: { userId: session.user.id, role: "platform_admin", organization: { type: "platform" } },
    select: { organizationId: true },
  });
  return member ? { user: session.user, sessionId: session.sessionId, platformOrganizationId: member.organizationId } : null;
}

export async function requirePlatformAdmin(session: CurrentSession | null): Promise<PlatformContext> {
  if (!session) throw new UnauthenticatedError();
  const ctx = await resolvePlatformContext(session);
  if (!ctx) throw new NotFoundError();
  return ctx;
}

export const requirePlatformPage = cache(async (): Promise<PlatformContext> => {
  const session = await getCurrentSession();
  if (!session) return loginRedirect();
  const ctx = await resolvePlatformContext(session);
  if (!ctx) notFound();
  return ctx;
});
