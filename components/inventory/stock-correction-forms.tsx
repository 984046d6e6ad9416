"use client";

import { useState } from "react";
import { adjustStockAction } from "@/actions/inventory/adjust-stock";
import { transferStockAction } from "@/actions/inventory/transfer-stock";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { FormError, FormField } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";

/** A correction with a reason: broken vials, a box found in the back room. */
export function AdjustStockForm({ slug, itemId }: { slug: string; itemId: string }) {
  const [change, setChange] = useState("");
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string>();
  const adjust = useAction((input: { itemId: string; change: string; reason: string }) => adjustStockAction(slug, input), {
    onSuccess: (data) => {
      setDone(`Adjusted. ${data.onHand} on hand.`);
      setChange("");
      setReason("");
    },
  });
  return (
    <form
      noValidate
      aria-label="Adjust stock"
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(undefined);
        void adjust.run({ itemId, change, reason });
      }}
    >
      <FormField id="adjust-change" label="Change" hint="Negative removes (e.g. -2), positive adds." error={adjust.fieldError("change") ?? adjust.fieldError("quantity")}>
        <Input inputMode="numeric" autoComplete="off" value={change} onChange={(e) => setChange(e.target.value)} />
      </FormField>
      <FormField id="adjust-reason" label="Reason" error={adjust.fieldError("reason")}>
        <Input autoComplete="off" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Two vials broken in transit" />
      </FormField>
      <FormError message={adjust.formError} />
      {done && <p role="status" className="text-sm text-success">{done}</p>}
      <div>
        <Button type="submit" variant="secondary" disabled={adjust.pending}>
          {adjust.pending ? "Saving…" : "Save adjustment"}
        </Button>
      </div>
    </form>
  );
}

/** Moves units to another clinic of the agency, keeping their lots. */
export function TransferStockForm({ slug, itemId, clinics }: { slug: string; itemId: string; clinics: Array<{ id: string; name: string }> }) {
  const [toLocationId, setToLocationId] = useState(clinics[0]?.id ?? "");
  const [quantity, setQuantity] = useState("");
  const [done, setDone] = useState<string>();
  const transfer = useAction((input: { itemId: string; toLocationId: string; quantity: string }) => transferStockAction(slug, input), {
    onSuccess: (data) => {
      setDone(`Transferred to ${data.toClinic}. ${data.onHand} left here.`);
      setQuantity("");
    },
  });
  if (clinics.length === 0) return <p className="text-sm text-muted-foreground">The agency has no other clinic to transfer to.</p>;
  return (
    <form
      noValidate
      aria-label="Transfer to another clinic"
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(undefined);
        void transfer.run({ itemId, toLocationId, quantity });
      }}
    >
      <FormField id="transfer-to" label="To clinic" error={transfer.fieldError("toLocationId")}>
        <NativeSelect value={toLocationId} onChange={(e) => setToLocationId(e.target.value)}>
          {clinics.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField id="transfer-quantity" label="Quantity" error={transfer.fieldError("quantity")}>
        <Input inputMode="numeric" autoComplete="off" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
      </FormField>
      <FormError message={transfer.formError} />
      {done && <p role="status" className="text-sm text-success">{done}</p>}
      <div>
        <Button type="submit" variant="secondary" disabled={transfer.pending}>
          {transfer.pending ? "Moving…" : "Transfer"}
        </Button>
      </div>
    </form>
  );
}
