import { notFound } from "next/navigation";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/shared/page-header";
import { ContactForm } from "@/components/contacts/contact-form";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { visibleClinics } from "@/lib/clinic/clinics";

export const metadata = { title: "New contact" };

export default async function NewContactPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/contacts/new">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "contacts.write");
  const clinics = await visibleClinics(ctx);
  if (clinics.length === 0) notFound();
  const { clinic } = await searchParams;
  const base = `/agency/${ctx.organization.slug}/admin/contacts`;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <PageHeader title="New contact" description="Saved to GoHighLevel first, then shown here." />
      <Card>
        <CardContent className="pt-6">
          <ContactForm
            slug={ctx.organization.slug}
            target={{ mode: "create", clinics, defaultClinicId: typeof clinic === "string" ? clinic : undefined }}
            afterSave={`${base}/{id}`}
          />
        </CardContent>
      </Card>
    </div>
  );
}
