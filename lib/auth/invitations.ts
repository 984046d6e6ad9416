import "server-only";
import { systemDb } from "@/lib/db/system";
import { forOrg } from "@/lib/db";

/** Whether someone invited this address and the invitation can still be accepted. */
export async function hasPendingInvitation(email: string): Promise<boolean> {
  const count = await systemDb("auth.invitation").invitation.count({
    where: { email: email.toLowerCase(), status: "pending", expiresAt: { gt: new Date() } },
  });
  return count > 0;
}

/** On acceptance, a clinic_staff member gets the clinics the invitation named (of that agency only). */
export async function assignInvitedClinics(invitationId: string, memberId: string, organizationId: string) {
  const db = forOrg(organizationId);
  const invitation = await db.invitation.findUnique({ where: { id: invitationId }, select: { role: true, locationIds: true } });
  if (!invitation || invitation.role !== "clinic_staff" || invitation.locationIds.length === 0) return;
  const clinics = await db.location.findMany({ where: { id: { in: invitation.locationIds } }, select: { id: true } });
  await db.memberLocation.createMany({
    data: clinics.map((clinic) => ({ memberId, locationId: clinic.id, organizationId })),
    skipDuplicates: true,
  });
}

/** The invitation behind /invite/[id], with its agency's name. Unscoped: the invitee is not a member yet. */
export function unsafeFindInvitation(id: string) {
  return systemDb("auth.invitation").invitation.findUnique({
    where: { id },
    include: { organization: { select: { id: true, name: true, slug: true } } },
  });
}
