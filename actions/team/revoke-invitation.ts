"use server";

import { orgAction } from "@/lib/entry/action";
import { revokeInvitation } from "@/lib/team/members";
import { ZInvitationInput } from "@/lib/team/schemas";

export const revokeInvitationAction = orgAction({
  name: "team.revoke-invitation",
  permission: "team.manage",
  input: ZInvitationInput,
  run: ({ invitationId }, ctx) => revokeInvitation(ctx, invitationId),
  audit: ({ invitationId }) => ({ targetType: "invitation", targetId: invitationId }),
});
