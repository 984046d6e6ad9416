import Link from "next/link";
import { ServiceForm } from "@/components/ops/service-form";
import { PageHeader } from "@/components/shared/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { listServices } from "@/lib/ops/service-admin";

export const metadata = { title: "Bills of supplies" };

export default async function ServicesPage({ params }: PageProps<"/agency/[slug]/admin/inventory/services">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "inventory.manage");
  const services = await listServices(ctx);
  const base = `/agency/${ctx.organization.slug}/admin`;
  return (
    <div className="flex flex-col gap-6">
      <Link href={`${base}/inventory`} className="self-start text-sm text-muted-foreground hover:underline">← Inventory</Link>
      <PageHeader
        title="Bills of supplies"
        description="What one visit of each service uses. Booked appointments of a service add its supplies to the reorder forecast; an item no service uses is forecast from its usage trend alone."
      />
      <Card>
        <CardHeader>
          <CardTitle><h2>Add a service</h2></CardTitle>
          <CardDescription>An appointment is a service when its calendar&apos;s name or its title contains the text you give (longest match wins).</CardDescription>
        </CardHeader>
        <CardContent><ServiceForm slug={ctx.organization.slug} /></CardContent>
      </Card>
      <section aria-labelledby="services-heading" className="flex flex-col gap-4">
        <h2 id="services-heading" className="text-lg font-semibold">Services ({services.length})</h2>
        {services.length === 0 ? (
          <p className="text-sm text-muted-foreground">No services yet: forecasts use the usage trend alone.</p>
        ) : (
          services.map((s) => (
            <Card key={s.id}>
              <CardContent className="p-4 sm:p-5">
                <ServiceForm slug={ctx.organization.slug} service={s} />
              </CardContent>
            </Card>
          ))
        )}
      </section>
    </div>
  );
}
