"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { createItemAction } from "@/actions/inventory/create-item";
import { updateItemAction } from "@/actions/inventory/update-item";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { FormError, FormField } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";

export interface ItemFormValues {
  sku: string;
  name: string;
  category: string;
  unit: string;
  cost: string;
  supplier: string;
  reorderPoint: string;
  parLevel: string;
}

const EMPTY: ItemFormValues = { sku: "", name: "", category: "", unit: "", cost: "", supplier: "", reorderPoint: "", parLevel: "" };

const FIELDS: Array<{ key: keyof ItemFormValues; label: string; hint?: string; numeric?: boolean }> = [
  { key: "name", label: "Name" },
  { key: "sku", label: "SKU", hint: "Unique within the clinic." },
  { key: "category", label: "Category" },
  { key: "unit", label: "Unit", hint: "bags, vials, boxes…" },
  { key: "cost", label: "Cost per unit ($)", numeric: true },
  { key: "supplier", label: "Supplier", hint: "Optional." },
  { key: "reorderPoint", label: "Reorder point", hint: "Alert at or below this.", numeric: true },
  { key: "parLevel", label: "Par level", hint: "What a full shelf holds.", numeric: true },
];

/** Create an item (with its clinic) or edit one; errors appear beside their fields. */
export function ItemForm({
  slug,
  itemsHref,
  clinics,
  item,
}: {
  slug: string;
  itemsHref: string;
  clinics?: Array<{ id: string; name: string }>;
  item?: { id: string; values: ItemFormValues };
}) {
  const router = useRouter();
  const [values, setValues] = useState<ItemFormValues>(item?.values ?? EMPTY);
  const [locationId, setLocationId] = useState(clinics?.[0]?.id ?? "");
  const [saved, setSaved] = useState(false);
  const save = useAction(
    (input: ItemFormValues & { locationId?: string }) =>
      item ? updateItemAction(slug, { ...input, itemId: item.id }) : createItemAction(slug, { ...input, locationId: input.locationId ?? "" }),
    { onSuccess: (data) => (item ? setSaved(true) : router.push(`${itemsHref}/${data.id}`)) },
  );
  const prefix = item ? "edit" : "new";
  return (
    <form
      noValidate
      aria-label={item ? "Edit item" : "New item"}
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void save.run({ ...values, locationId });
      }}
    >
      {clinics && (
        <FormField id={`${prefix}-clinic`} label="Clinic" error={save.fieldError("locationId")}>
          <NativeSelect value={locationId} onChange={(e) => setLocationId(e.target.value)}>
            {clinics.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map((field) => (
          <FormField key={field.key} id={`${prefix}-${field.key}`} label={field.label} hint={field.hint} error={save.fieldError(field.key)}>
            <Input
              inputMode={field.numeric ? "decimal" : undefined}
              autoComplete="off"
              value={values[field.key]}
              onChange={(e) => setValues((v) => ({ ...v, [field.key]: e.target.value }))}
            />
          </FormField>
        ))}
      </div>
      <FormError message={save.formError} />
      {saved && (
        <p role="status" className="text-sm text-success">
          Saved.
        </p>
      )}
      <div>
        <Button type="submit" disabled={save.pending}>
          {save.pending ? "Saving…" : item ? "Save changes" : "Add item"}
        </Button>
      </div>
    </form>
  );
}
