"use server";

import { orgAction } from "@/lib/entry/action";
import { logVisitUsage } from "@/lib/inventory/movements";
import { ZLogVisitUsageInput } from "@/lib/inventory/schemas";

export const logVisitUsageAction = orgAction({
  name: "inventory.use-visit",
  permission: "inventory.use",
  input: ZLogVisitUsageInput,
  run: (input, ctx) => logVisitUsage(ctx, input),
  audit: (input, data) => ({ targetType: "appointment", targetId: data.appointmentId, metadata: { lines: input.lines } }),
});
