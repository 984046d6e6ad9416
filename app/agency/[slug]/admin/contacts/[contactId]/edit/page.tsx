import { notFound } from "next/navigation";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/shared/page-header";
import { ContactForm } from "@/components/contacts/contact-form";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { getContactDetail } from "@/lib/contacts/detail";
import { contactName } from "@/lib/contacts/names";
import { formatPhone } from "@/lib/contacts/phone";

export const metadata = { title: "Edit contact" };

export default async function EditContactPage({ params }: PageProps<"/agency/[slug]/admin/contacts/[contactId]/edit">) {
  const { slug, contactId } = await params;
  const ctx = await requireMemberPage(slug, "contacts.write");
  const detail = await getContactDetail(ctx, contactId);
  if (!detail) notFound();
  const { contact } = detail;
  const href = `/agency/${ctx.organization.slug}/admin/contacts/${contact.id}`;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <PageHeader title={`Edit ${contactName(contact)}`} description={contact.location.name} />
      <Card>
        <CardContent className="pt-6">
          <ContactForm slug={ctx.organization.slug} target={{ mode: "edit", contactId: contact.id }} initial={{ ...contact, phone: formatPhone(contact.phone) }} afterSave={href} />
        </CardContent>
      </Card>
    </div>
  );
}
