"use client";

import { useRef, type FormEvent } from "react";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/shared/form-field";
import { useAction, type ActionResult } from "@/components/shared/use-action";
import { useHydrated } from "@/components/shared/use-hydrated";
import { ACCEPT, uploadChosenFile, type UploadTarget } from "@/components/oversight/upload";
import { MAX_FILE_BYTES } from "@/lib/storage/policy";

export const UPLOAD_HINT = `A PDF or a photo, up to ${MAX_FILE_BYTES / 1024 / 1024} MB.`;

/**
 * The file picker of an upload form, named "file" for `useUploadForm`: a PDF or a photo, with
 * the phone's camera offered first, or (`pdfOnly`) a PDF alone.
 */
export function UploadField({ id, label, hint = UPLOAD_HINT, error, pdfOnly = false }: { id: string; label: string; hint?: string; error?: string; pdfOnly?: boolean }) {
  return (
    <FormField id={id} label={label} hint={hint || undefined} error={error}>
      {pdfOnly ? <Input name="file" type="file" accept="application/pdf" /> : <Input name="file" type="file" accept={ACCEPT} capture="environment" />}
    </FormField>
  );
}

type UploadFormOptions<T> =
  /** The file is needed: `required` asks for it, and `send` gets its id. */
  | { required: string; send: (data: FormData, fileId: string) => Promise<ActionResult<T>> }
  /** The file is optional: `send` gets null when none was chosen. */
  | { required?: undefined; send: (data: FormData, fileId: string | null) => Promise<ActionResult<T>> };

/**
 * A form with an UploadField: on submit the chosen file is uploaded first (its failure shows
 * beside the field), then `send` records the form with the file's id; on success the form is
 * cleared. Spread `formProps` on the <form>; it reports data-ready once it can submit.
 */
export function useUploadForm<T>(target: UploadTarget, options: UploadFormOptions<T>) {
  const ready = useHydrated();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction(
    async (data: FormData): Promise<ActionResult<T>> => {
      const uploaded = await uploadChosenFile(data, target, options.required);
      if (!uploaded.ok) return { ...uploaded, fieldErrors: { file: [uploaded.error] } };
      // With `required`, uploadChosenFile never answers ok without a file id.
      return (options.send as (data: FormData, fileId: string | null) => Promise<ActionResult<T>>)(data, uploaded.fileId);
    },
    { onSuccess: () => form.current?.reset() },
  );
  const formProps = {
    ref: form,
    noValidate: true,
    "data-ready": ready || undefined,
    onSubmit: (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      void action.run(new FormData(event.currentTarget));
    },
  };
  return { ...action, ready, formProps };
}
