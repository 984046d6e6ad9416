"use server";

import { orgAction } from "@/lib/entry/action";
import { RATE_LIMITS } from "@/lib/ratelimit";
import { resendInvitation } from "@/lib/team/members";
import { ZInvitationInput } from "@/lib/team/schemas";

export const resendInvitationAction = orgAction({
  name: "team.resend-invitation",
  permission: "team.manage",
  input: ZInvitationInput,
  limit: RATE_LIMITS.invitation,
  run: ({ invitationId }, ctx) => resendInvitation(ctx, invitationId),
  audit: ({ invitationId }) => ({ targetType: "invitation", targetId: invitationId }),
});
