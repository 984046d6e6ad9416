"use client";

import { Input } from "@/components/ui/input";
import { FormField } from "@/components/shared/form-field";
import { ACCEPT } from "@/components/oversight/upload";
import { MAX_FILE_BYTES } from "@/lib/storage/policy";

export const UPLOAD_HINT = `A PDF or a photo, up to ${MAX_FILE_BYTES / 1024 / 1024} MB.`;

/**
 * The file picker of an upload form, named "file" for `uploadChosenFile`: a PDF or a photo, with
 * the phone's camera offered first, or (`pdfOnly`) a PDF alone.
 */
export function UploadField({ id, label, hint = UPLOAD_HINT, error, pdfOnly = false }: { id: string; label: string; hint?: string; error?: string; pdfOnly?: boolean }) {
  return (
    <FormField id={id} label={label} hint={hint || undefined} error={error}>
      {pdfOnly ? <Input name="file" type="file" accept="application/pdf" /> : <Input name="file" type="file" accept={ACCEPT} capture="environment" />}
    </FormField>
  );
}
