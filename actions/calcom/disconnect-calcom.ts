"use server";

import "server-only";
import { z } from "zod";
import { orgAction } from "@/lib/entry/action";
import { disconnectCalcom } from "@/lib/calcom/connection";

export const disconnectCalcomAction = orgAction({
  name: "calcom.disconnect",
  permission: "integrations.manage",
  input: z.object({}),
  run: (_input, ctx) => disconnectCalcom(ctx.db),
  audit: () => ({ targetType: "calcom_connection" }),
});
