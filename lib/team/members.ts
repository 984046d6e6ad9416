import "server-only";
import { auth } from "@/lib/auth/auth";
import type { OrgContext } from "@/lib/auth/context";
import { fromAuthError } from "@/lib/auth/refusals";
import { requestHeaders } from "@/lib/auth/request";
import { assignableRoles, type AgencyRole } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError, UserError } from "@/lib/errors";

type TeamCtx = Pick<OrgContext, "db" | "role" | "organization" | "memberId">;

function assertAssignable(ctx: TeamCtx, role: AgencyRole) {
  if (!assignableRoles(ctx.role).includes(role)) throw new ForbiddenError("Your role cannot give that role to someone.");
}

/** Clinic staff need at least one clinic, and every clinic must belong to this agency. */
async function validClinicIds(ctx: TeamCtx, role: AgencyRole, locationIds: string[]): Promise<string[]> {
  if (role !== "clinic_staff") return [];
  const unique = [...new Set(locationIds)];
  if (unique.length === 0) throw new UserError("clinics_required", "Choose at least one clinic for clinic staff.");
  const found = await ctx.db.location.count({ where: { id: { in: unique } } });
  if (found !== unique.length) throw new NotFoundError("One of the chosen clinics does not exist.");
  return unique;
}

export async function listTeam(ctx: Pick<OrgContext, "db">) {
  const [members, invitations, clinics] = await Promise.all([
    ctx.db.member.findMany({
      orderBy: { createdAt: "asc" },
      include: { user: { select: { name: true, email: true } }, clinics: { select: { locationId: true } } },
    }),
    ctx.db.invitation.findMany({ where: { status: "pending" }, orderBy: { createdAt: "desc" } }),
    ctx.db.location.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { members, invitations, clinics };
}

export async function inviteMember(ctx: TeamCtx, input: { email: string; role: AgencyRole; locationIds: string[] }) {
  assertAssignable(ctx, input.role);
  // Checked before the clinics, so the person hears the real reason first.
  const existing = await ctx.db.member.findFirst({ where: { user: { email: input.email.toLowerCase() } }, select: { id: true } });
  if (existing) throw new UserError("already_member", `${input.email} is already a member of this agency.`, "email");
  const locationIds = await validClinicIds(ctx, input.role, input.locationIds);
  try {
    const invitation = await auth.api.createInvitation({
      headers: await requestHeaders(),
      body: { email: input.email, role: input.role, organizationId: ctx.organization.id, locationIds },
    });
    return { invitationId: invitation.id, email: invitation.email };
  } catch (err) {
    return fromAuthError(err, "invitation_refused");
  }
}

async function findPendingInvitation(ctx: TeamCtx, invitationId: string) {
  const invitation = await ctx.db.invitation.findUnique({ where: { id: invitationId } });
  if (!invitation || invitation.status !== "pending") throw new NotFoundError("That invitation is no longer pending.");
  return invitation;
}

/** Sends the invitation again with a fresh expiry. */
export async function resendInvitation(ctx: TeamCtx, invitationId: string) {
  const invitation = await findPendingInvitation(ctx, invitationId);
  assertAssignable(ctx, invitation.role as AgencyRole);
  try {
    await auth.api.createInvitation({
      headers: await requestHeaders(),
      body: {
        email: invitation.email,
        role: invitation.role as AgencyRole,
        organizationId: ctx.organization.id,
        resend: true,
        locationIds: invitation.locationIds,
      },
    });
  } catch (err) {
    fromAuthError(err, "invitation_refused");
  }
  return { invitationId };
}

export async function revokeInvitation(ctx: TeamCtx, invitationId: string) {
  const invitation = await findPendingInvitation(ctx, invitationId);
  assertAssignable(ctx, invitation.role as AgencyRole);
  try {
    await auth.api.cancelInvitation({ headers: await requestHeaders(), body: { invitationId } });
  } catch (err) {
    fromAuthError(err, "invitation_refused");
  }
  return { invitationId };
}

async function findMember(ctx: TeamCtx, memberId: string) {
  const member = await ctx.db.member.findUnique({ where: { id: memberId } });
  if (!member) throw new NotFoundError("That member does not exist.");
  return member;
}

async function ownerCount(ctx: TeamCtx) {
  return ctx.db.member.count({ where: { role: "agency_owner" } });
}

/** Changes a member's role (and clinics) in one transaction; an agency always keeps an owner. */
export async function changeMemberRole(ctx: TeamCtx, input: { memberId: string; role: AgencyRole; locationIds: string[] }) {
  const member = await findMember(ctx, input.memberId);
  if (member.role === "agency_owner" && ctx.role !== "agency_owner") throw new ForbiddenError("Only an owner can change an owner's role.");
  assertAssignable(ctx, input.role);
  if (member.role === "agency_owner" && input.role !== "agency_owner" && (await ownerCount(ctx)) <= 1) {
    throw new UserError("last_owner", "An agency needs at least one owner. Make someone else an owner first.");
  }
  const locationIds = await validClinicIds(ctx, input.role, input.locationIds);
  await ctx.db.transaction(async (tx) => {
    await tx.member.update({ where: { id: member.id }, data: { role: input.role } });
    await tx.memberLocation.deleteMany({ where: { memberId: member.id } });
    if (locationIds.length) {
      await tx.memberLocation.createMany({
        data: locationIds.map((locationId) => ({ memberId: member.id, locationId, organizationId: ctx.organization.id })),
      });
    }
  });
  return { memberId: member.id, role: input.role, previousRole: member.role };
}

export async function removeMember(ctx: TeamCtx, memberId: string) {
  const member = await findMember(ctx, memberId);
  if (member.role === "agency_owner") {
    if (ctx.role !== "agency_owner") throw new ForbiddenError("Only an owner can remove an owner.");
    if ((await ownerCount(ctx)) <= 1) throw new UserError("last_owner", "The last owner cannot be removed.");
  }
  await ctx.db.member.delete({ where: { id: member.id } });
  return { memberId: member.id, userId: member.userId };
}
