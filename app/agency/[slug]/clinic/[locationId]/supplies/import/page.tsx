import { Download } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ImportForm } from "@/components/inventory/import-form";
import { SuppliesShell } from "@/components/inventory/supplies-shell";
import { requireClinicPage } from "@/lib/entry/page-guards";

export const metadata = { title: "Import and export supplies" };

export default async function ImportSuppliesPage({ params }: PageProps<"/agency/[slug]/clinic/[locationId]/supplies/import">) {
  const { slug, locationId } = await params;
  const { ctx, clinic } = await requireClinicPage(slug, locationId, "inventory.manage");
  const exportHref = `/agency/${ctx.organization.slug}/admin/inventory/export?clinic=${encodeURIComponent(clinic.id)}`;
  return (
    <SuppliesShell slug={ctx.organization.slug} clinic={clinic} title="Import and export" canImport>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Import from a spreadsheet</h2>
          </CardTitle>
          <CardDescription>Every line is checked first: if one is wrong, nothing is imported and the line is named.</CardDescription>
        </CardHeader>
        <CardContent>
          <ImportForm slug={ctx.organization.slug} locationId={clinic.id} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Export</h2>
          </CardTitle>
          <CardDescription>This clinic&apos;s items with what is on hand, as CSV. Edit it and import it back.</CardDescription>
        </CardHeader>
        <CardContent>
          <a href={exportHref} download className="inline-flex h-10 items-center gap-2 rounded-md border px-4 text-sm font-medium hover:bg-accent">
            <Download aria-hidden="true" className="size-4" /> Download CSV
          </a>
        </CardContent>
      </Card>
    </SuppliesShell>
  );
}
