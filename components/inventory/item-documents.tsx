"use client";

import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { attachInventoryDocumentAction } from "@/actions/inventory/attach-document";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormError, FormField } from "@/components/shared/form-field";
import { useHydrated } from "@/components/shared/use-hydrated";
import { ACCEPT, uploadFile } from "@/components/oversight/upload";

const selectClass = "h-10 w-full rounded-md border border-input bg-card px-3 text-base focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring md:text-sm";

/** Upload a supplier invoice or recall notice for this item. */
export function ItemDocumentForm({ slug, locationId, itemId }: { slug: string; locationId: string; itemId: string }) {
  const ready = useHydrated();
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [saved, setSaved] = useState(false);
  return (
    <form
      ref={form}
      noValidate
      data-ready={ready || undefined}
      aria-label="Attach a document"
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const file = data.get("file");
        setError(null);
        setSaved(false);
        startTransition(async () => {
          if (!(file instanceof File) || file.size === 0) return setError({ message: "Choose the file (a PDF or a photo).", field: "file" });
          const uploaded = await uploadFile(slug, locationId, "inventory_document", file);
          if (!uploaded.ok) return setError({ message: uploaded.error, field: "file" });
          try {
            const result = await attachInventoryDocumentAction(slug, { locationId, itemId, kind: String(data.get("kind")) as "invoice", title: String(data.get("title") ?? ""), fileId: uploaded.fileId });
            if (!result.ok) return setError({ message: result.error, field: result.fieldErrors?.title ? "title" : undefined });
          } catch {
            return setError({ message: "Could not reach Sidecar. Check your connection and try again." });
          }
          form.current?.reset();
          setSaved(true);
          router.refresh();
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="doc-kind" label="Kind">
          <select name="kind" className={selectClass} defaultValue="invoice">
            <option value="invoice">Supplier invoice</option>
            <option value="recall_notice">Recall notice</option>
            <option value="other">Other document</option>
          </select>
        </FormField>
        <FormField id="doc-title" label="Title" error={error?.field === "title" ? error.message : undefined}>
          <Input name="title" autoComplete="off" placeholder="Invoice 1042, McKesson" />
        </FormField>
      </div>
      <FormField id="doc-file" label="File" hint="A PDF or a photo, up to 15 MB." error={error?.field === "file" ? error.message : undefined}>
        <Input name="file" type="file" accept={ACCEPT} capture="environment" />
      </FormField>
      <FormError message={error && !error.field ? error.message : undefined} />
      {saved && <p role="status" className="text-sm text-success">Document attached.</p>}
      <div>
        <Button type="submit" disabled={pending || !ready}>
          {pending ? "Uploading…" : "Attach document"}
        </Button>
      </div>
    </form>
  );
}
