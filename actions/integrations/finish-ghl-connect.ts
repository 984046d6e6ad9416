"use server";

import { z } from "zod";
import { orgAction } from "@/lib/entry/action";
import { requestHeaders } from "@/lib/auth/request";
import { finishGhlConnect, PENDING_INSTALL_COOKIE } from "@/lib/ghl/connect";

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

/**
 * Attaches the GHL agency of a Marketplace-started install to this agency (owners only). Audited
 * as "ghl.connect", like a connection the callback completes: one event however it arrives.
 */
export const finishGhlConnectAction = orgAction({
  name: "ghl.connect",
  permission: "integrations.manage",
  input: z.object({}).strict(),
  run: async (_input, ctx) => finishGhlConnect(ctx, cookieValue((await requestHeaders()).get("cookie"), PENDING_INSTALL_COOKIE)),
  audit: (_input, data) => ({ targetType: "ghl", metadata: { companyId: data.companyId, via: "marketplace" } }),
});
