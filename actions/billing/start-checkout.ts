"use server";

import { orgAction } from "@/lib/entry/action";
import { startCheckout, ZStartCheckoutInput } from "@/lib/billing/account";

/** Stripe Checkout for the agency's subscription (the free trial the first time). Allowed while read-only: it is how access comes back. */
export const startCheckoutAction = orgAction({
  name: "billing.checkout",
  permission: "billing.manage",
  whileReadOnly: "allowed",
  input: ZStartCheckoutInput,
  run: (input, ctx) => startCheckout(ctx, input),
  audit: (input) => ({ targetType: "billing", metadata: { plan: input.plan, interval: input.interval } }),
});
