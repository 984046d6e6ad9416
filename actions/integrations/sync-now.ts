"use server";

import { orgAction } from "@/lib/action";
import { ZClinicInput } from "@/lib/ghl/schemas-input";
import { syncClinicNow } from "@/lib/ghl/sync/sync-now";

export const syncNowAction = orgAction({
  name: "ghl.sync-now",
  permission: "integrations.sync",
  input: ZClinicInput,
  run: ({ locationId }, ctx) => syncClinicNow(ctx, locationId),
  audit: ({ locationId }, data) => ({ targetType: "location", targetId: locationId, metadata: { status: data.status } }),
});
