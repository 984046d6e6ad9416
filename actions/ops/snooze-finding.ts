"use server";

import { orgAction } from "@/lib/entry/action";
import { snoozeFinding } from "@/lib/ops/manage";
import { ZSnoozeFindingInput } from "@/lib/ops/schemas";

export const snoozeFindingAction = orgAction({
  name: "ops.snooze",
  permission: "ops.work",
  input: ZSnoozeFindingInput,
  run: (input, ctx) => snoozeFinding(ctx, input),
  audit: (input) => ({ targetType: "finding", targetId: input.findingId, metadata: { until: input.until.toISOString() } }),
});
