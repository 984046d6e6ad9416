"use server";

import { orgAction } from "@/lib/entry/action";
import { cancelOffer, ZOfferRef } from "@/lib/prevention/manage";

export const cancelWaitlistOfferAction = orgAction({
  name: "waitlist.cancel-offer",
  permission: "waitlist.manage",
  input: ZOfferRef,
  run: (input, ctx) => cancelOffer(ctx, input.offerId),
  audit: (input, data) => ({ targetType: "waitlist_offer", targetId: input.offerId, metadata: { locationId: data.locationId } }),
});
