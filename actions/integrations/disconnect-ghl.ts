"use server";

import { z } from "zod";
import { orgAction } from "@/lib/entry/action";
import { disconnectGhl } from "@/lib/ghl/connect";

export const disconnectGhlAction = orgAction({
  name: "ghl.disconnect",
  permission: "integrations.manage",
  input: z.object({}).strict(),
  run: (_input, ctx) => disconnectGhl(ctx),
  audit: () => ({ targetType: "ghl" }),
});
