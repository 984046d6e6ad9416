"use client";

import { useState } from "react";
import { Minus, Plus } from "lucide-react";
import { logUsageAction } from "@/actions/inventory/log-usage";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/select";
import { FormError } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";
import { formatQuantity, unitFor } from "@/lib/inventory/units";

export interface SupplyRow {
  id: string;
  name: string;
  sku: string;
  category: string;
  unit: string;
  onHand: number;
  reorderPoint: number;
}

export interface AppointmentOption {
  id: string;
  label: string;
}

/**
 * Log usage in two taps: "Use" on an item opens its panel with 1 selected, "Log 1 used" saves.
 * Quantity and the appointment are there for the times they matter.
 */
export function UsageLogger({ slug, items, appointments }: { slug: string; items: SupplyRow[]; appointments: AppointmentOption[] }) {
  const [openId, setOpenId] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState<string>();
  return (
    <div className="flex flex-col gap-3">
      <p role="status" aria-live="polite" className="min-h-5 text-sm font-medium text-success">
        {confirmation}
      </p>
      <ul className="flex flex-col gap-2">
        {items.map((item) => (
          <li key={item.id} className="rounded-lg border bg-card">
            <div className="flex items-center justify-between gap-3 p-3">
              <div className="min-w-0">
                <p className="truncate font-medium">{item.name}</p>
                <p className="text-sm text-muted-foreground">
                  <span className="tabular-nums">{item.onHand}</span> {unitFor(item.onHand, item.unit)} on hand
                  {item.onHand <= item.reorderPoint && <span className="ml-2 font-medium text-warning-text">Low</span>}
                </p>
              </div>
              <Button
                size="lg"
                variant={openId === item.id ? "secondary" : "default"}
                aria-expanded={openId === item.id}
                aria-controls={`use-${item.id}`}
                aria-label={`Use ${item.name}`}
                onClick={() => setOpenId(openId === item.id ? null : item.id)}
              >
                Use
              </Button>
            </div>
            {openId === item.id && (
              <UsePanel
                slug={slug}
                item={item}
                appointments={appointments}
                onLogged={(message) => {
                  setConfirmation(message);
                  setOpenId(null);
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function UsePanel({ slug, item, appointments, onLogged }: { slug: string; item: SupplyRow; appointments: AppointmentOption[]; onLogged: (message: string) => void }) {
  const [quantity, setQuantity] = useState(1);
  const [appointmentId, setAppointmentId] = useState("");
  const log = useAction((input: Parameters<typeof logUsageAction>[1]) => logUsageAction(slug, input), {
    onSuccess: (data) => onLogged(`Logged ${formatQuantity(data.quantity, data.unit)} of ${data.name}. ${data.onHand} left.`),
  });
  return (
    <form
      id={`use-${item.id}`}
      aria-label={`Log use of ${item.name}`}
      className="flex flex-col gap-3 border-t p-3"
      onSubmit={(e) => {
        e.preventDefault();
        void log.run({ itemId: item.id, quantity, appointmentId: appointmentId || undefined });
      }}
    >
      <div className="flex items-center gap-3">
        <span id={`qty-label-${item.id}`} className="text-sm font-medium">
          Quantity
        </span>
        <div role="group" aria-labelledby={`qty-label-${item.id}`} className="flex items-center gap-2">
          <Button type="button" variant="outline" size="icon" aria-label="One fewer" disabled={quantity <= 1} onClick={() => setQuantity((q) => Math.max(1, q - 1))}>
            <Minus aria-hidden="true" />
          </Button>
          <output aria-live="polite" className="w-8 text-center text-lg font-semibold tabular-nums">
            {quantity}
          </output>
          <Button type="button" variant="outline" size="icon" aria-label="One more" onClick={() => setQuantity((q) => q + 1)}>
            <Plus aria-hidden="true" />
          </Button>
        </div>
      </div>
      {appointments.length > 0 && (
        <label className="flex flex-col gap-1.5 text-sm font-medium">
          For appointment (optional)
          <NativeSelect value={appointmentId} onChange={(e) => setAppointmentId(e.target.value)}>
            <option value="">No appointment</option>
            {appointments.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </NativeSelect>
        </label>
      )}
      <FormError message={log.fieldError("quantity") ?? log.formError} />
      <Button type="submit" size="lg" disabled={log.pending}>
        {log.pending ? "Saving…" : `Log ${quantity} used`}
      </Button>
    </form>
  );
}
