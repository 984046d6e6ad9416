"use server";

import "server-only";
import { orgAction } from "@/lib/entry/action";
import { connectCalcom, ZConnectCalcomInput } from "@/lib/calcom/connection";

export const connectCalcomAction = orgAction({
  name: "calcom.connect",
  permission: "integrations.manage",
  input: ZConnectCalcomInput,
  run: (input, ctx) => connectCalcom(ctx.db, input, ctx.user.id),
  // Never the key itself: its last four characters are enough to tell keys apart.
  audit: (input, data) => ({ targetType: "calcom_connection", metadata: { keyHint: input.apiKey.slice(-4), eventTypes: data.eventTypes } }),
});
