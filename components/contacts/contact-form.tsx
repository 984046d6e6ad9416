"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { FormError, FormField } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";
import { useHydrated } from "@/components/shared/use-hydrated";
import { createContactAction } from "@/actions/contacts/create-contact";
import { updateContactAction } from "@/actions/contacts/update-contact";
import { ZContactFields } from "@/lib/contacts/input";
import { zodFieldErrors } from "@/lib/forms/field-errors";
import { FIELDS_MARKED } from "@/components/shared/use-action";

export interface ContactFormValues {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  tags?: string[];
}

type Target = { mode: "create"; clinics: Array<{ id: string; name: string }>; defaultClinicId?: string } | { mode: "edit"; contactId: string };

function fieldsOf(form: HTMLFormElement) {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "");
  return { firstName: text("firstName"), lastName: text("lastName"), email: text("email"), phone: text("phone"), tags: text("tags") };
}

/**
 * Create or edit a contact. The save goes to GoHighLevel first; when GHL refuses, its reason
 * is shown and nothing in Sidecar changes.
 */
const CONTACT_FIELDS = ["firstName", "lastName", "email", "phone", "locationId", "tags"] as const;

export function ContactForm({
  slug,
  target,
  initial = {},
  afterSave,
  compact = false,
}: {
  slug: string;
  target: Target;
  initial?: ContactFormValues;
  /** Where to go once saved ({id} is replaced by the contact's id); stays put when unset. */
  afterSave?: string;
  compact?: boolean;
}) {
  const router = useRouter();
  const ready = useHydrated();
  const create = useAction((input: Parameters<typeof createContactAction>[1]) => createContactAction(slug, input));
  const update = useAction((input: Parameters<typeof updateContactAction>[1]) => updateContactAction(slug, input));
  const action = target.mode === "create" ? create : update;
  const { pending, result } = action;
  // The browser checks the fields with the action's own schema first, so a typo is answered at
  // once; the server checks again. A field edited since the last answer shows no stale message.
  const [local, setLocal] = useState<Record<string, string[]> | null>(null);
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const localError = (name: string) => Object.entries(local ?? {}).find(([key]) => key === name || key.startsWith(`${name}.`))?.[1][0];
  const fieldError = (name: string) => (edited.has(name) ? undefined : local ? localError(name) : action.fieldError(name));
  const serverMarked = CONTACT_FIELDS.filter((name) => action.fieldError(name));
  const formError = local
    ? FIELDS_MARKED
    : serverMarked.length > 0
      ? serverMarked.every((name) => edited.has(name))
        ? undefined
        : FIELDS_MARKED
      : action.formError;

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = fieldsOf(form);
    setEdited(new Set());
    const checked = ZContactFields.safeParse(fields);
    if (!checked.success) {
      setLocal(zodFieldErrors(checked.error));
      return;
    }
    setLocal(null);
    const result =
      target.mode === "create"
        ? await create.run({ ...fields, locationId: String(new FormData(form).get("locationId") ?? "") })
        : await update.run({ ...fields, contactId: target.contactId });
    if (!result.ok) return;
    if (afterSave) router.push(afterSave.replace("{id}", result.data.contactId));
    else form.reset();
  }

  return (
    <form
      onSubmit={submit}
      onChange={(event) => {
        const name = (event.target as unknown as { name?: string }).name;
        if (name) setEdited((names) => (names.has(name) ? names : new Set(names).add(name)));
      }}
      noValidate className="flex flex-col gap-4" data-ready={ready || undefined} aria-label={target.mode === "create" ? "New contact" : "Edit contact"}>
      {target.mode === "create" && target.clinics.length > 1 && (
        <FormField id="contact-clinic" label="Clinic" error={fieldError("locationId")}>
          <NativeSelect name="locationId" defaultValue={target.defaultClinicId ?? target.clinics[0]?.id} required>
            {target.clinics.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      )}
      {target.mode === "create" && target.clinics.length === 1 && <input type="hidden" name="locationId" value={target.clinics[0]!.id} />}
      <div className={compact ? "grid gap-4" : "grid gap-4 sm:grid-cols-2"}>
        <FormField id="contact-first-name" label="First name" error={fieldError("firstName")}>
          <Input name="firstName" autoComplete="off" defaultValue={initial.firstName ?? ""} />
        </FormField>
        <FormField id="contact-last-name" label="Last name" error={fieldError("lastName")}>
          <Input name="lastName" autoComplete="off" defaultValue={initial.lastName ?? ""} />
        </FormField>
        <FormField id="contact-phone" label="Phone" hint="US numbers need no country code" error={fieldError("phone")}>
          <Input name="phone" type="tel" inputMode="tel" autoComplete="off" defaultValue={initial.phone ?? ""} />
        </FormField>
        <FormField id="contact-email" label="Email" error={fieldError("email")}>
          <Input name="email" type="email" inputMode="email" autoComplete="off" defaultValue={initial.email ?? ""} />
        </FormField>
      </div>
      {!compact && (
        <FormField id="contact-tags" label="Tags" hint="Separate tags with commas" error={fieldError("tags")}>
          <Input name="tags" autoComplete="off" defaultValue={initial.tags?.join(", ") ?? ""} />
        </FormField>
      )}
      <FormError message={formError} />
      <p role="status" className="text-sm text-success empty:hidden">
        {!afterSave && !pending && result?.ok ? "Saved. The contact is in GoHighLevel and Sidecar." : ""}
      </p>
      <div>
        <Button type="submit" disabled={pending || !ready} size={compact ? "lg" : "default"}>
          {pending ? "Saving…" : target.mode === "create" ? "Add contact" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
