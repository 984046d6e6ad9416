"use server";

import { orgAction } from "@/lib/entry/action";
import { resolveFinding } from "@/lib/ops/manage";
import { ZResolveFindingInput } from "@/lib/ops/schemas";

export const resolveFindingAction = orgAction({
  name: "ops.resolve",
  permission: "ops.work",
  input: ZResolveFindingInput,
  run: (input, ctx) => resolveFinding(ctx, input),
  audit: (input) => ({ targetType: "finding", targetId: input.findingId, metadata: { note: input.note } }),
});
