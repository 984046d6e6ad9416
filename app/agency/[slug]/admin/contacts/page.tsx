import { ComingSoon } from "@/components/shared/coming-soon";
import { PageHeader } from "@/components/shared/page-header";
import { requireMemberPage } from "@/lib/auth/context";

export const metadata = { title: "Contacts" };

export default async function ContactsPage({ params }: PageProps<"/agency/[slug]/admin/contacts">) {
  const { slug } = await params;
  await requireMemberPage(slug, "agency.view");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Contacts" />
      <ComingSoon section="Contacts" description="A searchable, paginated list of every clinic's contacts, synced from GoHighLevel." />
    </div>
  );
}
