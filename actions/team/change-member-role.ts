"use server";

import { orgAction } from "@/lib/entry/action";
import { changeMemberRole } from "@/lib/team/members";
import { ZChangeRoleInput } from "@/lib/team/schemas";

export const changeMemberRoleAction = orgAction({
  name: "team.change-role",
  permission: "team.manage",
  input: ZChangeRoleInput,
  run: (input, ctx) => changeMemberRole(ctx, input),
  audit: (input, data) => ({
    targetType: "member",
    targetId: input.memberId,
    metadata: { from: data.previousRole, to: data.role, clinics: input.locationIds },
  }),
});
