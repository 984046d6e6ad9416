"use server";

import { orgAction } from "@/lib/entry/action";
import { updateAskBudget, ZAskBudgetInput } from "@/lib/ai/budget";

export const updateAskBudgetAction = orgAction({
  name: "ask.update_budget",
  permission: "ask.manage",
  input: ZAskBudgetInput,
  run: (input, ctx) => updateAskBudget(ctx, input),
  audit: (_input, data) => ({ targetType: "organization", metadata: data }),
});
