"use server";

import { orgAction } from "@/lib/entry/action";
import { RATE_LIMITS } from "@/lib/ratelimit";
import { inviteMember } from "@/lib/team/members";
import { ZInviteMemberInput } from "@/lib/team/schemas";

export const inviteMemberAction = orgAction({
  name: "team.invite",
  permission: "team.manage",
  input: ZInviteMemberInput,
  limit: RATE_LIMITS.invitation,
  run: (input, ctx) => inviteMember(ctx, input),
  audit: (input, data) => ({ targetType: "invitation", targetId: data.invitationId, metadata: { email: input.email, role: input.role } }),
});
