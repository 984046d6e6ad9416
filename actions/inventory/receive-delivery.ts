"use server";

import { orgAction } from "@/lib/entry/action";
import { receiveDelivery } from "@/lib/inventory/movements";
import { ZReceiveDeliveryInput } from "@/lib/inventory/schemas";

export const receiveDeliveryAction = orgAction({
  name: "inventory.receive",
  permission: "inventory.use",
  input: ZReceiveDeliveryInput,
  run: (input, ctx) => receiveDelivery(ctx, input),
  audit: (input, data) => ({ targetType: "inventory_item", targetId: data.itemId, metadata: { quantity: input.quantity, lotNumber: input.lotNumber } }),
});
