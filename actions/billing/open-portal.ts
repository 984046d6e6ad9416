"use server";

import { z } from "zod";
import { orgAction } from "@/lib/entry/action";
import { openPortal } from "@/lib/billing/account";

/** Stripe's customer portal for the agency's own customer: plan, card, cancellation. */
export const openBillingPortalAction = orgAction({
  name: "billing.portal",
  permission: "billing.manage",
  whileReadOnly: "allowed",
  input: z.object({}),
  run: (_input, ctx) => openPortal(ctx),
  audit: () => ({ targetType: "billing" }),
});
