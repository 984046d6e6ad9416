"use server";

import { orgAction } from "@/lib/entry/action";
import { createItem } from "@/lib/inventory/items";
import { ZCreateItemInput } from "@/lib/inventory/schemas";

export const createItemAction = orgAction({
  name: "inventory.create-item",
  permission: "inventory.manage",
  input: ZCreateItemInput,
  run: (input, ctx) => createItem(ctx, input),
  audit: (input, data) => ({ targetType: "inventory_item", targetId: data.id, metadata: { sku: input.sku, locationId: input.locationId } }),
});
