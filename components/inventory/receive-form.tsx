"use client";

import { useState } from "react";
import { receiveDeliveryAction } from "@/actions/inventory/receive-delivery";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { FormError, FormField } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";
import { formatQuantity } from "@/lib/inventory/units";

/** Receive a delivery: which item, how many, and the lot and expiry printed on the box. */
export function ReceiveForm({ slug, items }: { slug: string; items: Array<{ id: string; name: string; unit: string }> }) {
  const [itemId, setItemId] = useState(items[0]?.id ?? "");
  const [quantity, setQuantity] = useState("");
  const [lotNumber, setLotNumber] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [done, setDone] = useState<string>();
  const receive = useAction((input: Parameters<typeof receiveDeliveryAction>[1]) => receiveDeliveryAction(slug, input), {
    onSuccess: (data) => {
      setDone(`Received ${formatQuantity(data.quantity, data.unit)} of ${data.name}. ${data.onHand} on hand.`);
      setQuantity("");
      setLotNumber("");
      setExpiresOn("");
    },
  });
  return (
    <form
      noValidate
      aria-label="Receive a delivery"
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(undefined);
        void receive.run({ itemId, quantity, lotNumber, expiresOn });
      }}
    >
      <FormField id="receive-item" label="Item" error={receive.fieldError("itemId")}>
        <NativeSelect value={itemId} onChange={(e) => setItemId(e.target.value)}>
          {items.map((item) => (
            <option key={item.id} value={item.id}>
              {item.name} ({item.unit})
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField id="receive-quantity" label="Quantity received" error={receive.fieldError("quantity")}>
        <Input inputMode="numeric" autoComplete="off" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
      </FormField>
      <FormField id="receive-lot" label="Lot number" hint="As printed on the box; leave empty if it has none." error={receive.fieldError("lotNumber")}>
        <Input autoComplete="off" autoCapitalize="characters" value={lotNumber} onChange={(e) => setLotNumber(e.target.value)} />
      </FormField>
      <FormField id="receive-expiry" label="Expiry date" hint="Optional." error={receive.fieldError("expiresOn")}>
        <Input type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} />
      </FormField>
      <FormError message={receive.formError} />
      {done && (
        <p role="status" className="text-sm font-medium text-success">
          {done}
        </p>
      )}
      <Button type="submit" size="lg" disabled={receive.pending || !itemId}>
        {receive.pending ? "Saving…" : "Receive delivery"}
      </Button>
    </form>
  );
}
