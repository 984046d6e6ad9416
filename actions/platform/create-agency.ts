"use server";

import { platformAction } from "@/lib/entry/action";
import { createAgencyWithOwnerInvitation, ZCreateAgencyInput } from "@/lib/platform/agencies";

export const createAgencyAction = platformAction({
  name: "platform.create-agency",
  input: ZCreateAgencyInput,
  run: (input, ctx) => createAgencyWithOwnerInvitation(ctx, input),
  audit: (input, data) => ({
    organizationId: data.organizationId,
    targetType: "organization",
    targetId: data.organizationId,
    metadata: { slug: data.slug, ownerEmail: input.ownerEmail },
  }),
});
