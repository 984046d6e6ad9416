"use server";

import { userAction } from "@/lib/entry/action";
import { acceptInvitation } from "@/lib/auth/accept-invitation";
import { ZInvitationInput } from "@/lib/team/schemas";

export const acceptInvitationAction = userAction({
  name: "invitation.accept",
  input: ZInvitationInput,
  run: ({ invitationId }, session) => acceptInvitation(session, invitationId),
  audit: ({ invitationId }, data) => ({ organizationId: data.organizationId, targetType: "invitation", targetId: invitationId }),
});
