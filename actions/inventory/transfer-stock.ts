"use server";

import { orgAction } from "@/lib/entry/action";
import { transferStock } from "@/lib/inventory/movements";
import { ZTransferStockInput } from "@/lib/inventory/schemas";

export const transferStockAction = orgAction({
  name: "inventory.transfer",
  permission: "inventory.manage",
  input: ZTransferStockInput,
  run: (input, ctx) => transferStock(ctx, input),
  audit: (input, data) => ({ targetType: "inventory_item", targetId: input.itemId, metadata: { quantity: input.quantity, toLocationId: input.toLocationId, transferId: data.transferId } }),
});
