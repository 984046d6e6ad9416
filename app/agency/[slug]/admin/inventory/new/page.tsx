import Link from "next/link";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/shared/page-header";
import { ItemForm } from "@/components/inventory/item-form";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { visibleClinics } from "@/lib/clinic/clinics";

export const metadata = { title: "Add an item" };

export default async function NewInventoryItemPage({ params }: PageProps<"/agency/[slug]/admin/inventory/new">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "inventory.manage");
  const clinics = await visibleClinics(ctx);
  const base = `/agency/${ctx.organization.slug}/admin/inventory`;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <Link href={base} className="self-start text-sm text-muted-foreground hover:underline">
        ← Inventory
      </Link>
      <PageHeader title="Add an item" description="Stock starts at zero: receive the first delivery from the clinic's supplies page." />
      <Card>
        <CardContent className="p-6">
          {clinics.length === 0 ? (
            <p className="text-sm text-muted-foreground">Add a clinic first: connect GoHighLevel in Settings.</p>
          ) : (
            <ItemForm slug={ctx.organization.slug} itemsHref={base} clinics={clinics} />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
