"use server";

import { orgAction } from "@/lib/entry/action";
import { countStock } from "@/lib/inventory/movements";
import { ZStockCountInput } from "@/lib/inventory/schemas";

export const countStockAction = orgAction({
  name: "inventory.count",
  permission: "inventory.use",
  input: ZStockCountInput,
  run: (input, ctx) => countStock(ctx, input),
  audit: (input, data) => ({ targetType: "location", targetId: input.locationId, metadata: data }),
});
