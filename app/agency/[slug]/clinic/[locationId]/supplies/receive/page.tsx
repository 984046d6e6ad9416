import "server-only";
import { allows } from "@/lib/auth/context";
import { Card, CardContent } from "@/components/ui/card";
import { ReceiveForm } from "@/components/inventory/receive-form";
import { SuppliesShell } from "@/components/inventory/supplies-shell";

import { requireClinicPage } from "@/lib/entry/page-guards";
import { findClinicSupplies } from "@/lib/inventory/items";

export const metadata = { title: "Receive a delivery" };

export default async function ReceiveDeliveryPage({ params }: PageProps<"/agency/[slug]/clinic/[locationId]/supplies/receive">) {
  const { slug, locationId } = await params;
  const { ctx, clinic } = await requireClinicPage(slug, locationId, "inventory.use");
  const items = await findClinicSupplies(ctx.db, clinic.id);
  return (
    <SuppliesShell slug={ctx.organization.slug} clinic={clinic} title="Receive a delivery" canImport={allows(ctx, "inventory.manage")}>
      <Card>
        <CardContent className="p-4">
          {items.length === 0 ? (
            <p className="py-6 text-center text-sm text-muted-foreground">This clinic has no items yet.</p>
          ) : (
            <ReceiveForm slug={ctx.organization.slug} items={items} />
          )}
        </CardContent>
      </Card>
    </SuppliesShell>
  );
}
