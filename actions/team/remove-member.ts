"use server";

import { orgAction } from "@/lib/entry/action";
import { removeMember } from "@/lib/team/members";
import { ZMemberInput } from "@/lib/team/schemas";

export const removeMemberAction = orgAction({
  name: "team.remove",
  permission: "team.manage",
  input: ZMemberInput,
  run: ({ memberId }, ctx) => removeMember(ctx, memberId),
  audit: ({ memberId }, data) => ({ targetType: "member", targetId: memberId, metadata: { userId: data.userId } }),
});
