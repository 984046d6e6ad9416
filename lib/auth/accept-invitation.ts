import "server-only";
import { auth } from "@/lib/auth/auth";
import { requestHeaders } from "@/lib/auth/request";
import { unsafeFindInvitation } from "@/lib/auth/invitations";
import type { CurrentSession } from "@/lib/auth/session";
import { NotFoundError, UserError } from "@/lib/errors";
import { fromAuthError } from "@/lib/auth/refusals";

export type InvitationState = "pending" | "expired" | "used" | "revoked";

export function invitationState(invitation: { status: string; expiresAt: Date }, now = new Date()): InvitationState {
  if (invitation.status === "accepted") return "used";
  if (invitation.status === "canceled" || invitation.status === "rejected") return "revoked";
  if (invitation.expiresAt <= now) return "expired";
  return "pending";
}

const REFUSALS: Record<Exclude<InvitationState, "pending">, string> = {
  used: "This invitation has already been used.",
  expired: "This invitation has expired. Ask the agency to send a new one.",
  revoked: "This invitation was withdrawn. Ask the agency to send a new one.",
};

/** Accepts the invitation for the signed-in user; it works once, before it expires, for the invited address only. */
export async function acceptInvitation(session: CurrentSession, invitationId: string) {
  const invitation = await unsafeFindInvitation(invitationId);
  if (!invitation) throw new NotFoundError("This invitation does not exist.");
  const state = invitationState(invitation);
  if (state !== "pending") throw new UserError(`invitation_${state}`, REFUSALS[state]);
  if (invitation.email.toLowerCase() !== session.user.email.toLowerCase()) {
    throw new UserError("invitation_wrong_account", "This invitation was sent to another email address. Sign in with that address to accept it.");
  }
  try {
    await auth.api.acceptInvitation({ headers: await requestHeaders(), body: { invitationId } });
  } catch (err) {
    fromAuthError(err, "invitation_refused");
  }
  return {
    organizationId: invitation.organizationId,
    destination:
      invitation.role === "clinic_staff" ? `/auth/continue` : `/agency/${invitation.organization.slug}/admin`,
  };
}
