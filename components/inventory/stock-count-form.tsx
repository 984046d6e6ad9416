"use client";

import { useState } from "react";
import { countStockAction } from "@/actions/inventory/count-stock";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormError } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";
import { formatQuantity } from "@/lib/inventory/units";

interface CountRow {
  id: string;
  name: string;
  unit: string;
  onHand: number;
}

/**
 * A stock count: type what is on the shelf for the items counted (leave the rest empty). Each
 * difference from the system becomes an adjustment, all saved together.
 */
export function StockCountForm({ slug, locationId, items }: { slug: string; locationId: string; items: CountRow[] }) {
  const [counted, setCounted] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string>();
  const count = useAction((input: Parameters<typeof countStockAction>[1]) => countStockAction(slug, input), {
    onSuccess: (data) => {
      setCounted({});
      setDone(`Saved a count of ${data.counted} item${data.counted === 1 ? "" : "s"}; ${data.adjusted} adjusted.`);
    },
  });
  const entries = Object.entries(counted).filter(([, value]) => value.trim() !== "");
  const errorFor = (index: number) => count.fieldError(`counts.${index}.counted`);
  return (
    <form
      noValidate
      aria-label="Stock count"
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(undefined);
        void count.run({ locationId, counts: entries.map(([itemId, value]) => ({ itemId, counted: value })) });
      }}
    >
      <ul className="flex flex-col divide-y rounded-lg border bg-card">
        {items.map((item) => {
          const index = entries.findIndex(([id]) => id === item.id);
          const error = index >= 0 ? errorFor(index) : undefined;
          return (
            <li key={item.id} className="flex items-center justify-between gap-3 p-3">
              <label htmlFor={`count-${item.id}`} className="min-w-0">
                <span className="block font-medium break-words">{item.name}</span>
                <span className="text-sm text-muted-foreground">
                  System: {formatQuantity(item.onHand, item.unit)}
                </span>
              </label>
              <div className="flex w-28 shrink-0 flex-col gap-1">
                <Input
                  id={`count-${item.id}`}
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder="Counted"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `count-${item.id}-error` : undefined}
                  value={counted[item.id] ?? ""}
                  onChange={(e) => setCounted((c) => ({ ...c, [item.id]: e.target.value }))}
                />
                {error && (
                  <span id={`count-${item.id}-error`} className="text-xs text-destructive">
                    {error}
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <FormError message={count.formError} />
      {done && (
        <p role="status" className="text-sm font-medium text-success">
          {done}
        </p>
      )}
      <Button type="submit" size="lg" disabled={count.pending || entries.length === 0}>
        {count.pending ? "Saving…" : `Save count (${entries.length} item${entries.length === 1 ? "" : "s"})`}
      </Button>
    </form>
  );
}
