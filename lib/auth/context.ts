import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { systemDb } from "@/lib/db/system";
import { forMember, type OrgDb } from "@/lib/db";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { can, seesAllClinics, type AgencyRole, type Permission } from "@/lib/auth/permissions";
import { getCurrentSession, type CurrentSession, type SessionUser } from "@/lib/auth/session";
import { requestHeaders } from "@/lib/auth/request";
import { findActiveImpersonation, findLapsedImpersonation, REFUSED_WHILE_LOOKING_IN, type Impersonator } from "@/lib/platform/impersonation";

export interface OrgContext {
  user: SessionUser;
  sessionId: string;
  organization: { id: string; name: string; slug: string; idleTimeoutMinutes: number };
  memberId: string;
  role: AgencyRole;
  /** null: every clinic of the agency; otherwise only these (clinic staff). */
  clinicIds: string[] | null;
  db: OrgDb;
  /** Set while a platform admin looks in as this member: `user` is the member, this is the admin. */
  impersonator?: Impersonator;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * The one place that turns (session, slug) into an organization context. A slug that does not
 * exist and an agency the user is not a member of give the same null.
 */
export async function resolveOrgContext(session: CurrentSession, slug: string): Promise<OrgContext | null> {
  if (typeof slug !== "string" || !SLUG.test(slug)) return null;
  // One query answers both questions: the user's membership of this agency, and whether they are
  // a platform admin (only a platform admin's visit can be a look-in, so nobody else pays for that lookup).
  const memberships = await systemDb("auth.membership").member.findMany({
    where: { userId: session.user.id, OR: [{ organization: { slug, type: "agency" } }, { role: "platform_admin", organization: { type: "platform" } }] },
    include: {
      organization: { select: { id: true, name: true, slug: true, idleTimeoutMinutes: true, type: true } },
      clinics: { select: { locationId: true } },
    },
  });
  const member = memberships.find((m) => m.organization.type === "agency");
  if (member?.role === "platform_admin") return null;
  if (!member) return memberships.length > 0 ? resolveLookIn(session, slug) : null;
  const { id, name, slug: agencySlug, idleTimeoutMinutes } = member.organization;
  const organization = { id, name, slug: agencySlug, idleTimeoutMinutes };
  const clinicIds = seesAllClinics(member.role) ? null : member.clinics.map((c) => c.locationId);
  return {
    user: session.user,
    sessionId: session.sessionId,
    organization,
    memberId: member.id,
    role: member.role,
    clinicIds,
    db: forMember(member.organizationId, clinicIds),
  };
}

/** A platform admin's session looking in as one member: that member's context, naming the admin. */
async function resolveLookIn(session: CurrentSession, slug: string): Promise<OrgContext | null> {
  const lookIn = await findActiveImpersonation(session.sessionId, slug);
  if (!lookIn || lookIn.adminUserId !== session.user.id || lookIn.member.role === "platform_admin") return null;
  const { member } = lookIn;
  const role = member.role as AgencyRole;
  const clinicIds = seesAllClinics(role) ? null : member.clinics.map((c) => c.locationId);
  return {
    user: member.user,
    sessionId: session.sessionId,
    organization: member.organization,
    memberId: member.id,
    role,
    clinicIds,
    db: forMember(member.organizationId, clinicIds),
    impersonator: { impersonationId: lookIn.id, userId: session.user.id, name: session.user.name, reason: lookIn.reason, expiresAt: lookIn.expiresAt },
  };
}

/**
 * Whether this context may use a permission: the role's matrix, less what a platform admin may
 * not do while looking in as a member. Pages, actions and routes all ask this.
 */
export function allows(ctx: Pick<OrgContext, "role" | "impersonator">, permission: Permission): boolean {
  if (ctx.impersonator && REFUSED_WHILE_LOOKING_IN.includes(permission)) return false;
  return can(ctx.role, permission);
}

/** For server actions and route handlers: throws the refusal the wrapper turns into a result. */
export async function requireMember(session: CurrentSession | null, slug: string, permission: Permission): Promise<OrgContext> {
  const ctx = await requireMembership(session, slug);
  assertAllowed(ctx, permission);
  return ctx;
}

/** The member's context, before any permission: a stranger and a missing agency both get not_found. */
export async function requireMembership(session: CurrentSession | null, slug: string): Promise<OrgContext> {
  if (!session) throw new UnauthenticatedError();
  const ctx = await resolveOrgContext(session, slug);
  if (!ctx) throw new NotFoundError();
  return ctx;
}

export function assertAllowed(ctx: OrgContext, permission: Permission): void {
  if (ctx.impersonator && can(ctx.role, permission) && !allows(ctx, permission)) {
    throw new ForbiddenError(`Not while looking in as ${ctx.user.name}: billing and membership are for the agency's own people.`);
  }
  if (!allows(ctx, permission)) throw new ForbiddenError();
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
  const ctx = await currentOrgContext(slug);
  if (!ctx) {
    // A look-in that ran out sends the admin back to the agency's platform page, saying so.
    const lapsed = typeof slug === "string" && SLUG.test(slug) ? await findLapsedImpersonation(session.sessionId, slug) : null;
    if (lapsed) redirect(`/platform/agencies/${lapsed.organizationId}?look-in=expired`);
    notFound();
  }
  if (!allows(ctx, permission)) notFound();
  return ctx;
});

/**
 * The membership lookup of this request's session, once per slug: a layout and its page usually
 * ask with different permissions, and each lookup is a transaction on the database.
 */
const currentOrgContext = cache(async (slug: string): Promise<OrgContext | null> => {
  const session = await getCurrentSession();
  return session ? resolveOrgContext(session, slug) : null;
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
