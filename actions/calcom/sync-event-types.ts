"use server";

import "server-only";
import { z } from "zod";
import { orgAction } from "@/lib/entry/action";
import { syncEventTypes } from "@/lib/calcom/connection";

export const syncEventTypesAction = orgAction({
  name: "calcom.sync-event-types",
  permission: "integrations.manage",
  input: z.object({}),
  run: (_input, ctx) => syncEventTypes(ctx.db),
  audit: (_input, data) => ({ targetType: "calcom_connection", metadata: { eventTypes: data.eventTypes } }),
});
