"use client";

import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { FormError, FormField } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";
import { useHydrated } from "@/components/shared/use-hydrated";
import { addContactNoteAction } from "@/actions/contacts/add-contact-note";

export function NoteForm({ slug, contactId }: { slug: string; contactId: string }) {
  const ready = useHydrated();
  const form = useRef<HTMLFormElement>(null);
  const { run, pending, fieldError, formError } = useAction((input: { contactId: string; body: string }) => addContactNoteAction(slug, input), {
    onSuccess: () => form.current?.reset(),
  });
  return (
    <form
      ref={form}
      noValidate
      data-ready={ready || undefined}
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        void run({ contactId, body: String(new FormData(event.currentTarget).get("body") ?? "") });
      }}
    >
      <FormField id="note-body" label="Add a note" error={fieldError("body")}>
        <textarea
          name="body"
          rows={3}
          className="w-full rounded-md border border-input bg-card px-3 py-2 text-base focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive md:text-sm"
        />
      </FormField>
      <FormError message={formError && !fieldError("body") ? formError : undefined} />
      <div>
        <Button type="submit" disabled={pending || !ready}>
          {pending ? "Saving…" : "Save note"}
        </Button>
      </div>
    </form>
  );
}
