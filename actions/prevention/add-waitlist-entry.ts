"use server";

import { orgAction } from "@/lib/entry/action";
import { addWaitlistEntry } from "@/lib/prevention/manage";
import { ZWaitlistInput } from "@/lib/prevention/waitlist";

export const addWaitlistEntryAction = orgAction({
  name: "waitlist.add",
  permission: "waitlist.manage",
  input: ZWaitlistInput,
  run: (input, ctx) => addWaitlistEntry(ctx, input),
  audit: (input, data) => ({ targetType: "waitlist_entry", targetId: data.entryId, metadata: { locationId: input.locationId, ghlCalendarId: input.ghlCalendarId, expiresOn: input.expiresOn } }),
});
