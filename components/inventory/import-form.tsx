"use client";

import { useState } from "react";
import { importInventoryAction } from "@/actions/inventory/import-inventory";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormError } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";

const MAX_BYTES = 2_000_000;

/** Pick a CSV; it is checked line by line on the server and imported whole or not at all. */
export function ImportForm({ slug, locationId }: { slug: string; locationId: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string>();
  const importCsv = useAction((input: Parameters<typeof importInventoryAction>[1]) => importInventoryAction(slug, input));
  const problems = importCsv.result && !importCsv.result.ok ? (importCsv.result.fieldErrors?.csv ?? []) : [];
  const imported = importCsv.result?.ok ? importCsv.result.data : null;
  return (
    <form
      noValidate
      aria-label="Import items from CSV"
      className="flex flex-col gap-4"
      onSubmit={async (e) => {
        e.preventDefault();
        setLocalError(undefined);
        if (!file) return setLocalError("Choose a CSV file first.");
        if (file.size > MAX_BYTES) return setLocalError("The file is larger than 2 MB; split it into smaller files.");
        void importCsv.run({ locationId, csv: await file.text() });
      }}
    >
      <div className="flex flex-col gap-1.5">
        <label htmlFor="import-file" className="text-sm font-medium">
          CSV file
        </label>
        <Input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="import-file-hint"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            importCsv.reset();
          }}
        />
        <p id="import-file-hint" className="text-xs text-muted-foreground">
          Columns: sku, name, category, unit, cost, reorder_point, par_level (required); supplier, quantity, lot_number,
          expires_on (YYYY-MM-DD) optional. A quantity is received as a delivery. Existing SKUs are updated.
        </p>
      </div>
      <FormError message={localError ?? importCsv.formError} />
      {problems.length > 0 && (
        <ul aria-label="Problems in the file" className="max-h-72 list-disc overflow-y-auto rounded-md border px-6 py-3 text-sm text-destructive">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {imported && (
        <p role="status" className="text-sm font-medium text-success">
          Imported {imported.rows} rows: {imported.created} new items, {imported.updated} updated, {imported.received} deliveries recorded.
        </p>
      )}
      <Button type="submit" size="lg" disabled={importCsv.pending}>
        {importCsv.pending ? "Checking and importing…" : "Import"}
      </Button>
    </form>
  );
}
