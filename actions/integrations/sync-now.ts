"use server";

import { orgAction } from "@/lib/entry/action";
import { ZClinicInput } from "@/lib/ghl/schemas-input";
import { syncClinicNow } from "@/lib/ghl/sync/sync-now";

export const syncNowAction = orgAction({
  name: "ghl.sync-now",
  permission: "integrations.sync",
  // A read-only agency's copy of GHL stays current (sync writes nothing of the agency's own).
  whileReadOnly: "allowed",
  input: ZClinicInput,
  run: ({ locationId }, ctx) => syncClinicNow(ctx, locationId),
  audit: ({ locationId }, data) => ({ targetType: "location", targetId: locationId, metadata: { status: data.status } }),
});
