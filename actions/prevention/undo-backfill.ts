"use server";

import { orgAction } from "@/lib/entry/action";
import { undoBackfill, ZOfferRef } from "@/lib/prevention/manage";

export const undoWaitlistBookingAction = orgAction({
  name: "waitlist.undo-booking",
  permission: "waitlist.manage",
  input: ZOfferRef,
  run: (input, ctx) => undoBackfill(ctx, input.offerId),
  audit: (input, data) => ({ targetType: "waitlist_offer", targetId: input.offerId, metadata: { locationId: data.locationId, appointmentId: data.appointmentId } }),
});
