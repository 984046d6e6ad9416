"use server";

import { orgAction } from "@/lib/entry/action";
import { savePolicy } from "@/lib/prevention/manage";
import { ZPolicyInput } from "@/lib/prevention/policy";

export const savePreventionPolicyAction = orgAction({
  name: "prevention.save-policy",
  permission: "prevention.manage",
  input: ZPolicyInput,
  run: (input, ctx) => savePolicy(ctx, input),
  audit: (input, data) => ({ targetType: "prevention_policy", targetId: data.policyId, metadata: { ...input, locationId: data.locationId } }),
});
