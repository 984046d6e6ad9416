"use server";

import { z } from "zod";
import { orgAction } from "@/lib/entry/action";
import { runDetectorsForOrg } from "@/lib/ops/runner";

/** "Check now": runs every detector for the agency and updates the queue. */
export const runDetectorsAction = orgAction({
  name: "ops.run-detectors",
  permission: "ops.run",
  input: z.object({}),
  limit: { name: "action.ops-run", limit: 10, windowMs: 60_000 },
  run: async (_input, ctx) => {
    const summary = await runDetectorsForOrg(ctx.organization);
    return { detected: summary.detected, opened: summary.opened + summary.reopened, autoResolved: summary.autoResolved, failedDetectors: summary.failedDetectors };
  },
  audit: (_input, data) => ({ targetType: "organization", metadata: data }),
});
