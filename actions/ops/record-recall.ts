"use server";

import { orgAction } from "@/lib/entry/action";
import { recordRecall } from "@/lib/ops/service-admin";
import { ZRecallInput } from "@/lib/ops/schemas";

/** Records a lot recall: every clinic still holding the lot gets a critical finding. */
export const recordRecallAction = orgAction({
  name: "ops.record-recall",
  permission: "inventory.manage",
  input: ZRecallInput,
  run: (input, ctx) => recordRecall(ctx, input),
  audit: (input, data) => ({ targetType: "lot_recall", targetId: data.recallId, metadata: { lotNumber: input.lotNumber, reason: input.reason } }),
});
