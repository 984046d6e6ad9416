"use server";

import { orgAction } from "@/lib/entry/action";
import { deleteService } from "@/lib/ops/service-admin";
import { ZServiceIdInput } from "@/lib/ops/schemas";

export const deleteServiceAction = orgAction({
  name: "ops.delete-service",
  permission: "inventory.manage",
  input: ZServiceIdInput,
  run: (input, ctx) => deleteService(ctx, input.serviceId),
  audit: (input) => ({ targetType: "service", targetId: input.serviceId }),
});
