"use server";

import { z } from "zod";
import { orgAction } from "@/lib/entry/action";
import { startGhlConnect } from "@/lib/ghl/connect";

export const startGhlConnectAction = orgAction({
  name: "ghl.start-connect",
  permission: "integrations.manage",
  input: z.object({}).strict(),
  run: (_input, ctx) => startGhlConnect(ctx),
  audit: () => ({ targetType: "ghl" }),
});
