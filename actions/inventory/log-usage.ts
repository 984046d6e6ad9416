"use server";

import { orgAction } from "@/lib/entry/action";
import { logUsage } from "@/lib/inventory/movements";
import { ZLogUsageInput } from "@/lib/inventory/schemas";

export const logUsageAction = orgAction({
  name: "inventory.use",
  permission: "inventory.use",
  input: ZLogUsageInput,
  run: (input, ctx) => logUsage(ctx, input),
  audit: (input, data) => ({ targetType: "inventory_item", targetId: data.itemId, metadata: { quantity: input.quantity, appointmentId: input.appointmentId ?? null } }),
});
