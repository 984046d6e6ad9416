import * as React from "react";
import Link from "next/link";
import { Label } from "@/components/ui/label";

/**
 * A labelled field with its error beside it. The child input receives id, aria-invalid and
 * aria-describedby so screen readers announce the message with the field.
 */
export function FormField({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactElement<Record<string, unknown>>;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {React.cloneElement(children, { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}

/** A refusal that names the billing page (read-only agencies) links to it. */
const BILLING_LINK = /\((\/agency\/[a-z0-9-]+\/admin\/settings\/billing)\)/;

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  const billing = message.match(BILLING_LINK);
  return (
    <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm text-destructive">
      {billing ? (
        <>
          {message.slice(0, billing.index)}
          (
          <Link className="font-medium underline" href={billing[1]!}>
            open billing
          </Link>
          ){message.slice(billing.index! + billing[0].length)}
        </>
      ) : (
        message
      )}
    </p>
  );
}
