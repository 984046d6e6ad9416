import "server-only";
import { allows } from "@/lib/auth/context";
import { StockCountForm } from "@/components/inventory/stock-count-form";
import { SuppliesShell } from "@/components/inventory/supplies-shell";

import { requireClinicPage } from "@/lib/entry/page-guards";
import { findClinicSupplies } from "@/lib/inventory/items";

export const metadata = { title: "Stock count" };

export default async function StockCountPage({ params }: PageProps<"/agency/[slug]/clinic/[locationId]/supplies/count">) {
  const { slug, locationId } = await params;
  const { ctx, clinic } = await requireClinicPage(slug, locationId, "inventory.use");
  const items = await findClinicSupplies(ctx.db, clinic.id);
  return (
    <SuppliesShell slug={ctx.organization.slug} clinic={clinic} title="Stock count" canImport={allows(ctx, "inventory.manage")}>
      {items.length === 0 ? (
        <p className="py-6 text-center text-sm text-muted-foreground">This clinic has no items to count yet.</p>
      ) : (
        <StockCountForm slug={ctx.organization.slug} locationId={clinic.id} items={items} />
      )}
    </SuppliesShell>
  );
}
