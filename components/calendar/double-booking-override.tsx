"use client";

import { useState } from "react";
import { CalendarX2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/shared/form-field";

/**
 * The refusal of a time already taken in the other calendar (GHL or Cal.com), and the one way
 * past it: a reason, kept in the audit log with the booking.
 */
export function DoubleBookingOverride({ idPrefix, message, onConfirm, pending, confirmLabel = "Book anyway" }: { idPrefix: string; message: string; onConfirm: (reason: string) => void; pending: boolean; confirmLabel?: string }) {
  const [reason, setReason] = useState("");
  return (
    <div role="alert" className="flex flex-col gap-3 rounded-md border border-destructive/50 bg-destructive/5 p-3 text-sm">
      <p className="flex gap-2">
        <CalendarX2 aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-destructive" />
        <span>{message}</span>
      </p>
      <FormField id={`${idPrefix}-override-reason`} label="Reason for the double booking" hint="Kept in the audit log.">
        <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} placeholder="Second nurse on shift" />
      </FormField>
      <div>
        <Button type="button" variant="outline" size="sm" onClick={() => onConfirm(reason.trim())} disabled={pending || reason.trim().length < 3}>
          {confirmLabel}
        </Button>
      </div>
    </div>
  );
}
