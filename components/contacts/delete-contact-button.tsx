"use client";

import { useRouter } from "next/navigation";
import { FormError } from "@/components/shared/form-field";
import { ConfirmButton } from "@/components/shared/confirm-button";
import { useAction } from "@/components/shared/use-action";
import { deleteContactAction } from "@/actions/contacts/delete-contact";

export function DeleteContactButton({ slug, contactId, name, listHref }: { slug: string; contactId: string; name: string; listHref: string }) {
  const router = useRouter();
  const { run, pending, formError } = useAction((input: { contactId: string }) => deleteContactAction(slug, input), {
    onSuccess: () => router.push(listHref),
  });
  return (
    <div className="flex flex-col items-end gap-2">
      <ConfirmButton
        title={`Delete ${name}?`}
        description="The contact is deleted in GoHighLevel too. Past appointments stay in the calendar history. This cannot be undone here."
        confirmLabel="Delete contact"
        onConfirm={() => run({ contactId })}
        pending={pending}
        variant="destructive"
        size="default"
      >
        {pending ? "Deleting…" : "Delete"}
      </ConfirmButton>
      <FormError message={formError} />
    </div>
  );
}
