"use server";

import { z } from "zod";
import { platformAction } from "@/lib/entry/action";
import { endImpersonation } from "@/lib/platform/impersonation";

/** Ends this session's look-in; the agency's audit log records that the platform left. */
export const endImpersonationAction = platformAction({
  name: "platform.impersonation-end",
  input: z.object({}),
  run: async (_input, ctx) => {
    const ended = await endImpersonation(ctx);
    return { organizationId: ended?.organizationId ?? null };
  },
  audit: (_input, data) => ({
    organizationId: data.organizationId,
    ...(data.organizationId ? { targetType: "organization", targetId: data.organizationId } : {}),
  }),
});
