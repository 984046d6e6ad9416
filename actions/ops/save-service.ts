"use server";

import { orgAction } from "@/lib/entry/action";
import { saveService } from "@/lib/ops/service-admin";
import { ZServiceInput } from "@/lib/ops/schemas";

/** Creates or edits a service and its bill of supplies (agency admins). */
export const saveServiceAction = orgAction({
  name: "ops.save-service",
  permission: "inventory.manage",
  input: ZServiceInput,
  run: (input, ctx) => saveService(ctx, input),
  audit: (input, data) => ({ targetType: "service", targetId: data.serviceId, metadata: { name: input.name, supplies: data.supplies } }),
});
