"use client";

import { cancelWaitlistOfferAction } from "@/actions/prevention/cancel-offer";
import { cancelWaitlistEntryAction } from "@/actions/prevention/cancel-waitlist-entry";
import { undoWaitlistBookingAction } from "@/actions/prevention/undo-backfill";
import { ConfirmButton } from "@/components/shared/confirm-button";
import { FormError } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";

export function RemoveEntryButton({ slug, entryId, name }: { slug: string; entryId: string; name: string }) {
  const remove = useAction((input: { entryId: string }) => cancelWaitlistEntryAction(slug, input));
  return (
    <div className="flex flex-col items-start gap-1">
      <ConfirmButton
        title={`Take ${name} off the waitlist?`}
        description="No more slots are offered to them. An offer waiting for their answer is withdrawn."
        confirmLabel="Take off the waitlist"
        onConfirm={() => remove.run({ entryId })}
        pending={remove.pending}
      >
        {remove.pending ? "Removing…" : "Remove"}
      </ConfirmButton>
      <FormError message={remove.formError} />
    </div>
  );
}

export function WithdrawOfferButton({ slug, offerId, name }: { slug: string; offerId: string; name: string }) {
  const withdraw = useAction((input: { offerId: string }) => cancelWaitlistOfferAction(slug, input));
  return (
    <div className="flex flex-col items-start gap-1">
      <ConfirmButton
        title={`Withdraw the offer to ${name}?`}
        description="A yes from them afterwards books nothing. The next run offers the slot to the next person on the waitlist."
        confirmLabel="Withdraw offer"
        onConfirm={() => withdraw.run({ offerId })}
        pending={withdraw.pending}
      >
        {withdraw.pending ? "Withdrawing…" : "Withdraw"}
      </ConfirmButton>
      <FormError message={withdraw.formError} />
    </div>
  );
}

export function UndoBookingButton({ slug, offerId, name }: { slug: string; offerId: string; name: string }) {
  const undo = useAction((input: { offerId: string }) => undoWaitlistBookingAction(slug, input));
  return (
    <div className="flex flex-col items-start gap-1">
      <ConfirmButton
        title={`Undo ${name}'s booking?`}
        description="The appointment is cancelled in GoHighLevel and they go back on the waitlist. Tell them yourself: Sidecar sends no text for this."
        confirmLabel="Cancel the booking"
        onConfirm={() => undo.run({ offerId })}
        pending={undo.pending}
        variant="destructive"
      >
        {undo.pending ? "Undoing…" : "Undo booking"}
      </ConfirmButton>
      <FormError message={undo.formError} />
    </div>
  );
}
