"use client";

import { useState } from "react";
import { Minus, Plus } from "lucide-react";
import { logVisitUsageAction } from "@/actions/inventory/log-visit-usage";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";
import type { VisitSupplies } from "@/lib/clinic/visit-supplies";
import { formatQuantity, unitFor } from "@/lib/inventory/units";

/**
 * The supplies of one visit, prefilled from its service's bill of supplies: adjust a quantity
 * (0 leaves a line out) and log them all at once.
 */
export function VisitSuppliesForm({ slug, visit }: { slug: string; visit: VisitSupplies }) {
  const [quantities, setQuantities] = useState<Record<string, number>>(() => Object.fromEntries(visit.lines.map((line) => [line.itemId, line.quantity])));
  const [done, setDone] = useState<string>();
  const log = useAction((input: Parameters<typeof logVisitUsageAction>[1]) => logVisitUsageAction(slug, input), {
    onSuccess: (data) => setDone(`Logged ${data.lines} ${data.lines === 1 ? "supply" : "supplies"} for ${visit.label}.`),
  });
  const lines = visit.lines.filter((line) => (quantities[line.itemId] ?? 0) > 0);
  const step = (itemId: string, by: number) => setQuantities((all) => ({ ...all, [itemId]: Math.max(0, (all[itemId] ?? 0) + by) }));

  return (
    <Card aria-labelledby="visit-supplies-heading">
      <CardHeader>
        <CardTitle>
          <h2 id="visit-supplies-heading">Supplies for this visit</h2>
        </CardTitle>
        <CardDescription>
          {visit.label}
          {visit.service ? ` · ${visit.service}` : ""}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <p role="status" aria-live="polite" className="text-sm font-medium text-success empty:hidden">
          {done}
        </p>
        {visit.lines.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            {visit.service
              ? `None of ${visit.service}'s supplies are stocked here. Log each item below.`
              : "No service's bill of supplies matches this visit. Log each item below, choosing this visit."}
          </p>
        ) : (
          !done && (
            <form
              aria-label={`Log supplies for ${visit.label}`}
              className="flex flex-col gap-3"
              onSubmit={(e) => {
                e.preventDefault();
                void log.run({ appointmentId: visit.appointmentId, lines: lines.map((line) => ({ itemId: line.itemId, quantity: quantities[line.itemId]! })) });
              }}
            >
              <ul className="flex flex-col divide-y rounded-md border">
                {visit.lines.map((line) => {
                  const quantity = quantities[line.itemId] ?? 0;
                  return (
                    <li key={line.itemId} className="flex items-center justify-between gap-3 p-3">
                      <div className="min-w-0">
                        <p className="font-medium break-words">{line.name}</p>
                        <p className="text-sm text-muted-foreground">
                          <span className="tabular-nums">{line.onHand}</span> {unitFor(line.onHand, line.unit)} on hand
                        </p>
                      </div>
                      <div role="group" aria-label={`Quantity of ${line.name}`} className="flex shrink-0 items-center gap-2">
                        <Button type="button" variant="outline" size="icon" aria-label={`One fewer ${line.name}`} disabled={quantity <= 0} onClick={() => step(line.itemId, -1)}>
                          <Minus aria-hidden="true" />
                        </Button>
                        <output aria-live="polite" className="w-8 text-center text-lg font-semibold tabular-nums">
                          {quantity}
                        </output>
                        <Button type="button" variant="outline" size="icon" aria-label={`One more ${line.name}`} onClick={() => step(line.itemId, 1)}>
                          <Plus aria-hidden="true" />
                        </Button>
                      </div>
                    </li>
                  );
                })}
              </ul>
              {visit.missing.length > 0 && <p className="text-sm text-muted-foreground">Not stocked here: {visit.missing.join(", ")}.</p>}
              <FormError message={log.formError} />
              <Button type="submit" size="lg" disabled={log.pending || lines.length === 0}>
                {log.pending
                  ? "Saving…"
                  : lines.length === 1
                    ? `Log ${formatQuantity(quantities[lines[0]!.itemId]!, lines[0]!.unit)} used`
                    : `Log ${lines.length} supplies used`}
              </Button>
            </form>
          )
        )}
      </CardContent>
    </Card>
  );
}
