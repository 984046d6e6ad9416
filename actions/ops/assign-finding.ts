"use server";

import { orgAction } from "@/lib/entry/action";
import { assignFinding } from "@/lib/ops/manage";
import { ZAssignFindingInput } from "@/lib/ops/schemas";

export const assignFindingAction = orgAction({
  name: "ops.assign",
  permission: "ops.work",
  input: ZAssignFindingInput,
  run: (input, ctx) => assignFinding(ctx, input),
  audit: (input) => ({ targetType: "finding", targetId: input.findingId, metadata: { assigneeUserId: input.assigneeUserId } }),
});
