"use client";

import { attachInventoryDocumentAction } from "@/actions/inventory/attach-document";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormError, FormField } from "@/components/shared/form-field";
import { UploadField, useUploadForm } from "@/components/shared/upload-field";

const selectClass = "h-10 w-full rounded-md border border-input bg-card px-3 text-base focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring md:text-sm";

/** Upload a supplier invoice or recall notice for this item. */
export function ItemDocumentForm({ slug, locationId, itemId }: { slug: string; locationId: string; itemId: string }) {
  const attach = useUploadForm(
    { slug, locationId, purpose: "inventory_document" },
    {
      required: "Choose the file (a PDF or a photo).",
      send: (data, fileId) => attachInventoryDocumentAction(slug, { locationId, itemId, kind: String(data.get("kind")) as "invoice", title: String(data.get("title") ?? ""), fileId }),
    },
  );
  return (
    <form {...attach.formProps} aria-label="Attach a document" className="flex flex-col gap-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="doc-kind" label="Kind">
          <select name="kind" className={selectClass} defaultValue="invoice">
            <option value="invoice">Supplier invoice</option>
            <option value="recall_notice">Recall notice</option>
            <option value="other">Other document</option>
          </select>
        </FormField>
        <FormField id="doc-title" label="Title" error={attach.fieldError("title")}>
          <Input name="title" autoComplete="off" placeholder="Invoice 1042, McKesson" />
        </FormField>
      </div>
      <UploadField id="doc-file" label="File" error={attach.fieldError("file")} />
      <FormError message={attach.formErrorBeside(["title", "file"])} />
      {attach.result?.ok && !attach.pending && <p role="status" className="text-sm text-success">Document attached.</p>}
      <div>
        <Button type="submit" disabled={attach.pending || !attach.ready}>
          {attach.pending ? "Uploading…" : "Attach document"}
        </Button>
      </div>
    </form>
  );
}
