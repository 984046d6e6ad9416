"use client";

import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Camera, TriangleAlert } from "lucide-react";
import { recordConsentAction } from "@/actions/oversight/record-consent";
import { Button } from "@/components/ui/button";
import { ACCEPT, uploadFile } from "@/components/oversight/upload";
import type { VisitWarning } from "@/lib/oversight/checks";
import { UNREACHABLE } from "@/components/shared/use-action";

export interface VisitWarningsProps {
  slug: string;
  locationId: string;
  contactId: string | null;
  patient: string;
  warnings: VisitWarning[];
  /** The clinic's date today ("YYYY-MM-DD"): the day the form is signed. */
  today: string;
  canUpload: boolean;
  patientHref?: string;
}

/**
 * Check-in warnings of one visit. A consent warning offers "Photograph signed form": the
 * phone's camera opens (capture), the photo is uploaded and recorded at the template's current
 * version, and the warning clears.
 */
export function VisitWarnings({ slug, locationId, contactId, patient, warnings, today, canUpload, patientHref }: VisitWarningsProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const consent = warnings.find((w) => w.consent)?.consent;
  if (warnings.length === 0) return done ? <p role="status" className="text-sm text-muted-foreground">{done}</p> : null;

  const onFile = (file: File | undefined) => {
    if (!file || !consent || !contactId) return;
    setError(null);
    startTransition(async () => {
      const uploaded = await uploadFile(slug, locationId, "consent", file);
      if (!uploaded.ok) return setError(uploaded.error);
      let result: Awaited<ReturnType<typeof recordConsentAction>>;
      try {
        result = await recordConsentAction(slug, { contactId, kind: "treatment", consentKey: consent.key, signedOn: today, witness: null, fileId: uploaded.fileId });
      } catch {
        return setError(UNREACHABLE);
      }
      if (!result.ok) return setError(result.error);
      setDone(`Signed ${consent.title} (version ${consent.version}) saved for ${patient}.`);
      if (input.current) input.current.value = "";
      router.refresh();
    });
  };

  return (
    <div className="flex flex-col gap-2 rounded-md border border-amber-500/50 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950/30 dark:text-amber-100" role="group" aria-label={`Paperwork for ${patient}`}>
      <ul className="flex flex-col gap-1">
        {warnings.map((w) => (
          <li key={w.kind} className="flex items-start gap-2">
            <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            <span>{w.message}</span>
          </li>
        ))}
      </ul>
      {canUpload && consent && contactId && (
        <div>
          <input ref={input} id={inputId} type="file" accept={ACCEPT} capture="environment" className="sr-only" tabIndex={-1} onChange={(e) => onFile(e.currentTarget.files?.[0])} disabled={pending} />
          <Button type="button" variant="outline" size="lg" className="w-full sm:w-auto" disabled={pending} onClick={() => input.current?.click()} aria-describedby={error ? `${inputId}-error` : undefined}>
            <Camera aria-hidden="true" /> {pending ? "Uploading…" : "Photograph signed form"}
          </Button>
          <label htmlFor={inputId} className="sr-only">
            Signed {consent.title} for {patient}
          </label>
        </div>
      )}
      {patientHref && warnings.some((w) => w.kind.startsWith("gfe")) && (
        <a className="underline underline-offset-2" href={patientHref}>
          Record the good-faith exam on {patient}&apos;s page
        </a>
      )}
      {error && (
        <p id={`${inputId}-error`} role="alert" className="text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
