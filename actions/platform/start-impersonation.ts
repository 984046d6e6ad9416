"use server";

import { platformAction } from "@/lib/entry/action";
import { startImpersonation, ZStartImpersonationInput } from "@/lib/platform/impersonation";

/** A platform admin starts looking in as one member; the entry lands in that agency's audit log. */
export const startImpersonationAction = platformAction({
  name: "platform.impersonation-start",
  input: ZStartImpersonationInput,
  run: (input, ctx) => startImpersonation(ctx, input),
  audit: (input, data) => ({
    organizationId: input.organizationId,
    targetType: "member",
    targetId: input.memberId,
    metadata: { reason: input.reason, minutes: input.minutes, expiresAt: data.expiresAt.toISOString(), impersonationId: data.id },
  }),
});
