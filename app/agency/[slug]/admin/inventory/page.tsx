import { ComingSoon } from "@/components/shared/coming-soon";
import { PageHeader } from "@/components/shared/page-header";
import { requireMemberPage } from "@/lib/auth/context";

export const metadata = { title: "Inventory" };

export default async function InventoryPage({ params }: PageProps<"/agency/[slug]/admin/inventory">) {
  const { slug } = await params;
  await requireMemberPage(slug, "agency.view");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Inventory" />
      <ComingSoon section="Inventory" description="IV supplies per clinic: stock, lots and expiry, usage logging and reorder alerts." />
    </div>
  );
}
