"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Eye } from "lucide-react";
import { startImpersonationAction } from "@/actions/platform/start-impersonation";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/select";
import { FormError, FormField } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";

const MINUTES = [15, 30, 60] as const;

/** "Look in as" one member: a reason and a duration, then the agency as that member sees it. */
export function LookInForm({ organizationId, memberId, memberName }: { organizationId: string; memberId: string; memberName: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [minutes, setMinutes] = useState<number>(30);
  const start = useAction(startImpersonationAction, { onSuccess: (data) => router.push(data.home) });
  const id = `look-in-${memberId}`;

  if (!open) {
    return (
      <Button type="button" variant="outline" size="sm" onClick={() => setOpen(true)} aria-label={`Look in as ${memberName}`}>
        <Eye aria-hidden="true" /> Look in
      </Button>
    );
  }
  return (
    <form
      noValidate
      className="flex w-full flex-col gap-3 rounded-md border bg-secondary/40 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        void start.run({ organizationId, memberId, reason, minutes });
      }}
    >
      <FormField id={`${id}-reason`} label={`Why look in as ${memberName}?`} hint="Shown in the agency's audit log." error={start.fieldError("reason")}>
        <textarea
          className="min-h-16 w-full rounded-md border bg-background px-3 py-2 text-sm"
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          autoFocus
        />
      </FormField>
      <FormField id={`${id}-minutes`} label="How long" error={start.fieldError("minutes")}>
        <NativeSelect value={String(minutes)} onChange={(e) => setMinutes(Number(e.target.value))}>
          {MINUTES.map((m) => (
            <option key={m} value={m}>
              {m} minutes
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormError message={start.formErrorBeside(["reason", "minutes"])} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" disabled={start.pending}>
          {start.pending ? "Starting…" : `Look in as ${memberName}`}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
