"use server";

import { orgAction } from "@/lib/entry/action";
import { quarantineLot } from "@/lib/ops/manage";
import { ZFindingInput } from "@/lib/ops/schemas";

/** Takes a recalled or expired lot out of stock from its finding, and resolves the finding. */
export const quarantineLotAction = orgAction({
  name: "ops.quarantine-lot",
  permission: "ops.work",
  input: ZFindingInput,
  run: (input, ctx) => quarantineLot(ctx, input),
  audit: (input, data) => ({ targetType: "inventory_lot", targetId: data.lotId, metadata: { findingId: input.findingId, quantity: data.quantity } }),
});
