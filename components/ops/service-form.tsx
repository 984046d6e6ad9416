"use client";

import { useId, useState } from "react";
import { deleteServiceAction } from "@/actions/ops/delete-service";
import { recordRecallAction } from "@/actions/ops/record-recall";
import { saveServiceAction } from "@/actions/ops/save-service";
import { ConfirmButton } from "@/components/shared/confirm-button";
import { useAction } from "@/components/shared/use-action";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export interface ServiceValue {
  id?: string;
  name: string;
  match: string;
  priceCents: number | null;
  supplies: Array<{ sku: string; quantity: number }>;
}

/** "SKU × quantity" per line (also "SKU 2" or "SKU,2"); a line without a number means 1. */
export function parseSupplies(text: string): Array<{ sku: string; quantity: number }> | string {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  const out: Array<{ sku: string; quantity: number }> = [];
  for (const line of lines) {
    const m = /^(\S+?)\s*(?:[×x*,\s]\s*(\d+))?$/i.exec(line);
    if (!m) return `Cannot read "${line}": write a SKU, then × and the units per visit.`;
    out.push({ sku: m[1]!, quantity: m[2] ? Number(m[2]) : 1 });
  }
  return out;
}

export function ServiceForm({ slug, service }: { slug: string; service?: ServiceValue }) {
  const id = useId();
  const [name, setName] = useState(service?.name ?? "");
  const [match, setMatch] = useState(service?.match ?? "");
  const [price, setPrice] = useState(service?.priceCents != null ? String(service.priceCents / 100) : "");
  const [supplies, setSupplies] = useState(service?.supplies.map((s) => `${s.sku} × ${s.quantity}`).join("\n") ?? "");
  const [parseError, setParseError] = useState<string | null>(null);
  const save = useAction((input: Parameters<typeof saveServiceAction>[1]) => saveServiceAction(slug, input), {
    onSuccess: () => {
      if (!service) {
        setName("");
        setMatch("");
        setPrice("");
        setSupplies("");
      }
    },
  });
  const remove = useAction((input: { serviceId: string }) => deleteServiceAction(slug, input));
  const err = (field: string) => save.fieldError(field);
  return (
    <form
      aria-label={service ? `Edit ${service.name}` : "New service"}
      className="grid gap-3 sm:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        const lines = parseSupplies(supplies);
        if (typeof lines === "string") return setParseError(lines);
        setParseError(null);
        void save.run({ serviceId: service?.id, name, match, priceDollars: price === "" ? undefined : Number(price), supplies: lines });
      }}
    >
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-name`}>Service</Label>
        <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} aria-invalid={err("name") ? true : undefined} />
        {err("name") && <p className="text-sm text-destructive">{err("name")}</p>}
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-match`}>Matches calendars or titles containing</Label>
        <Input id={`${id}-match`} value={match} onChange={(e) => setMatch(e.target.value)} required maxLength={120} aria-invalid={err("match") ? true : undefined} />
        {err("match") && <p className="text-sm text-destructive">{err("match")}</p>}
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-price`}>Price (USD, optional)</Label>
        <Input id={`${id}-price`} value={price} onChange={(e) => setPrice(e.target.value)} inputMode="decimal" aria-invalid={err("priceDollars") ? true : undefined} />
        {err("priceDollars") && <p className="text-sm text-destructive">{err("priceDollars")}</p>}
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-supplies`}>Supplies per visit (one per line: SKU × units)</Label>
        <textarea id={`${id}-supplies`} value={supplies} onChange={(e) => setSupplies(e.target.value)} rows={3} className="rounded-md border bg-background px-3 py-2 font-mono text-sm" />
        {(parseError ?? err("supplies")) && <p className="text-sm text-destructive">{parseError ?? err("supplies")}</p>}
      </div>
      <div className="flex flex-wrap items-center gap-2 sm:col-span-2">
        <Button type="submit" disabled={save.pending}>{save.pending ? "Saving…" : service ? "Save" : "Add service"}</Button>
        {service?.id && (
          <ConfirmButton title={`Delete ${service.name}?`} description="Its bill of supplies goes too; forecasts stop counting its booked appointments." confirmLabel="Delete" pending={remove.pending} onConfirm={() => remove.run({ serviceId: service.id! })}>
            Delete
          </ConfirmButton>
        )}
        <p role="status" aria-live="polite" className="text-sm text-destructive">{save.formError && !Object.keys(save.result && !save.result.ok ? (save.result.fieldErrors ?? {}) : {}).length ? save.formError : (remove.formError ?? "")}</p>
      </div>
    </form>
  );
}

export function RecallForm({ slug, lotNumber }: { slug: string; lotNumber: string }) {
  const id = useId();
  const [reason, setReason] = useState("");
  const record = useAction((input: { lotNumber: string; reason: string }) => recordRecallAction(slug, input));
  return (
    <form
      aria-label={`Record a recall of lot ${lotNumber}`}
      className="flex flex-col gap-2 sm:flex-row sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        void record.run({ lotNumber, reason });
      }}
    >
      <div className="flex flex-1 flex-col gap-1.5">
        <Label htmlFor={`${id}-reason`}>Recall notice for lot {lotNumber}</Label>
        <Input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Manufacturer notice R-1234: particulates" required maxLength={500} />
      </div>
      <Button type="submit" disabled={record.pending}>{record.pending ? "Recording…" : "Record the recall"}</Button>
      <p role="status" aria-live="polite" className="text-sm">
        {record.formError ?? (record.result?.ok ? "Recorded. Every clinic still holding it appears in the queue at the next check." : "")}
      </p>
    </form>
  );
}
