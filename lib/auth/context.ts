import "server-only";
import { systemDb } from "@/lib/db/system";
import { forMember, type OrgDb } from "@/lib/db";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { can, seesAllClinics, type AgencyRole, type Permission } from "@/lib/auth/permissions";
import type { CurrentSession, SessionUser } from "@/lib/auth/session";
import { findActiveImpersonation, REFUSED_WHILE_LOOKING_IN, type Impersonator } from "@/lib/platform/impersonation";

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

/** Whether a value from the URL can be an agency's slug at all (checked before any lookup). */
export function isAgencySlug(slug: unknown): slug is string {
  return typeof slug === "string" && SLUG.test(slug);
}

/** The session's own membership of an agency, with what a context needs. */
function findMembership(userId: string, organization: { slug: string } | { id: string }) {
  return systemDb("auth.membership").member.findFirst({
    where: { userId, organization: { ...organization, type: "agency" } },
    include: {
      organization: { select: { id: true, name: true, slug: true, idleTimeoutMinutes: true } },
      clinics: { select: { locationId: true } },
    },
  });
}

function memberContext(session: CurrentSession, member: NonNullable<Awaited<ReturnType<typeof findMembership>>>): OrgContext {
  const role = member.role as AgencyRole;
  const clinicIds = seesAllClinics(role) ? null : member.clinics.map((c) => c.locationId);
  return {
    user: session.user,
    sessionId: session.sessionId,
    organization: member.organization,
    memberId: member.id,
    role,
    clinicIds,
    db: forMember(member.organizationId, clinicIds),
  };
}

/**
 * The one place that turns (session, slug) into an organization context. A slug that does not
 * exist and an agency the user is not a member of give the same null.
 */
export async function resolveOrgContext(session: CurrentSession, slug: string): Promise<OrgContext | null> {
  if (!isAgencySlug(slug)) return null;
  const member = await findMembership(session.user.id, { slug });
  if (member?.role === "platform_admin") return null;
  if (!member) return resolveLookIn(session, slug);
  return memberContext(session, member);
}

/**
 * The same context for an agency named by id (an OAuth callback knows the agency from its
 * state): the session's own membership only, never a look-in.
 */
export async function resolveOrgContextById(session: CurrentSession, organizationId: string): Promise<OrgContext | null> {
  if (typeof organizationId !== "string" || organizationId.length > 64) return null;
  const member = await findMembership(session.user.id, { id: organizationId });
  return member && member.role !== "platform_admin" ? memberContext(session, member) : null;
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
