"use server";

import { orgAction } from "@/lib/entry/action";
import { cancelWaitlistEntry, ZEntryRef } from "@/lib/prevention/manage";

export const cancelWaitlistEntryAction = orgAction({
  name: "waitlist.cancel",
  permission: "waitlist.manage",
  input: ZEntryRef,
  run: (input, ctx) => cancelWaitlistEntry(ctx, input.entryId),
  audit: (input, data) => ({ targetType: "waitlist_entry", targetId: input.entryId, metadata: { locationId: data.locationId } }),
});
