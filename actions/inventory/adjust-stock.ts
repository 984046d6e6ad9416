"use server";

import { orgAction } from "@/lib/entry/action";
import { adjustStock } from "@/lib/inventory/movements";
import { ZAdjustStockInput } from "@/lib/inventory/schemas";

export const adjustStockAction = orgAction({
  name: "inventory.adjust",
  permission: "inventory.manage",
  input: ZAdjustStockInput,
  run: (input, ctx) => adjustStock(ctx, input),
  audit: (input, data) => ({ targetType: "inventory_item", targetId: data.itemId, metadata: { change: input.change, reason: input.reason } }),
});
