"use client";

import { TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";

/** The overlap warning: the message from the server and a deliberate way past it. */
export function ConflictWarning({ message, confirmLabel, onConfirm, pending }: { message: string; confirmLabel: string; onConfirm: () => void; pending: boolean }) {
  return (
    <div role="alert" className="flex flex-col gap-3 rounded-md border border-warning/50 bg-warning/10 p-3 text-sm">
      <p className="flex gap-2">
        <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-warning" />
        <span>
          {message} {confirmLabel} places it regardless: GoHighLevel is told to skip its free-slot check (open hours, minimum notice, taken
          slots).
        </span>
      </p>
      <div>
        <Button type="button" variant="outline" size="sm" onClick={onConfirm} disabled={pending}>
          {confirmLabel}
        </Button>
      </div>
    </div>
  );
}
