"use server";

import { orgAction } from "@/lib/entry/action";
import { updateItem } from "@/lib/inventory/items";
import { ZUpdateItemInput } from "@/lib/inventory/schemas";

export const updateItemAction = orgAction({
  name: "inventory.update-item",
  permission: "inventory.manage",
  input: ZUpdateItemInput,
  run: (input, ctx) => updateItem(ctx, input),
  audit: (input) => ({ targetType: "inventory_item", targetId: input.itemId, metadata: { sku: input.sku } }),
});
