"use client";

import { useState } from "react";
import { createAgencyAction } from "@/actions/platform/create-agency";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormError, FormField } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";

function slugify(name: string) {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
}

export function CreateAgencyForm() {
  const [form, setForm] = useState({ name: "", slug: "", website: "", ownerEmail: "" });
  const [slugTouched, setSlugTouched] = useState(false);
  const [created, setCreated] = useState<string>();
  const create = useAction(createAgencyAction, {
    onSuccess: () => {
      setCreated(`${form.name} was created and ${form.ownerEmail} was invited as owner.`);
      setForm({ name: "", slug: "", website: "", ownerEmail: "" });
      setSlugTouched(false);
    },
  });
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [key]: e.target.value, ...(key === "name" && !slugTouched ? { slug: slugify(e.target.value) } : {}) }));

  return (
    <form
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        setCreated(undefined);
        void create.run(form);
      }}
    >
      <FormField id="agency-name" label="Agency name" error={create.fieldError("name")}>
        <Input value={form.name} onChange={set("name")} />
      </FormField>
      <FormField id="agency-slug" label="Address" hint={`/agency/${form.slug || "…"}`} error={create.fieldError("slug")}>
        <Input
          value={form.slug}
          onChange={(e) => {
            setSlugTouched(true);
            set("slug")(e);
          }}
        />
      </FormField>
      <FormField id="agency-website" label="Website (optional)" error={create.fieldError("website")}>
        <Input type="url" value={form.website} onChange={set("website")} placeholder="https://" />
      </FormField>
      <FormField id="agency-owner" label="Owner's email" error={create.fieldError("ownerEmail")}>
        <Input type="email" value={form.ownerEmail} onChange={set("ownerEmail")} />
      </FormField>
      <div className="flex flex-col gap-3 sm:col-span-2">
        <FormError message={create.formError} />
        {created && (
          <p role="status" className="text-sm text-success">
            {created}
          </p>
        )}
        <div>
          <Button type="submit" disabled={create.pending}>
            {create.pending ? "Creating…" : "Create agency and invite owner"}
          </Button>
        </div>
      </div>
    </form>
  );
}
