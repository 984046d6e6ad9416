import Link from "next/link";
import { Download, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/shared/page-header";
import { Pagination, hrefWith } from "@/components/shared/pagination";
import { ContactFilters } from "@/components/contacts/contact-filters";
import { ContactsTable } from "@/components/contacts/contacts-table";
import { allows } from "@/lib/auth/context";
import { requireMemberPage } from "@/lib/entry/page-guards";

import { ZContactFilter } from "@/lib/contacts/filters";
import { listContacts, topContactTags } from "@/lib/contacts/list";
import { visibleClinics } from "@/lib/clinic/clinics";

export const metadata = { title: "Contacts" };

export default async function ContactsPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/contacts">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "agency.view");
  const filter = ZContactFilter.parse(await searchParams);
  const base = `/agency/${ctx.organization.slug}/admin/contacts`;
  const [{ rows, total, pages, capped, hasNext }, clinics, tags] = await Promise.all([listContacts(ctx, filter), visibleClinics(ctx), topContactTags(ctx)]);
  const { page: _page, ...filters } = filter;
  const filtered = Boolean(filter.q || filter.clinic || filter.tag);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Contacts"
        description={`Every clinic's contacts, synced from GoHighLevel`}
        actions={
          <>
            <Button variant="outline" asChild>
              <a href={hrefWith(`${base}/export`, { q: filter.q, clinic: filter.clinic, tag: filter.tag })} download>
                <Download aria-hidden="true" /> Export CSV
              </a>
            </Button>
            {allows(ctx, "contacts.write") && clinics.length > 0 && (
              <Button asChild>
                <Link href={`${base}/new`}>
                  <Plus aria-hidden="true" /> New contact
                </Link>
              </Button>
            )}
          </>
        }
      />
      <ContactFilters action={base} filter={filter} clinics={clinics} tags={tags} />
      <Card>
        <CardContent className="pt-5">
          {rows.length === 0 ? (
            <div className="py-10 text-center">
              <p className="font-medium">{filtered ? "No contacts match these filters." : "No contacts yet."}</p>
              <p className="mt-1 text-sm text-muted-foreground">
                {filtered ? (
                  <Link className="underline" href={base}>
                    Clear the filters
                  </Link>
                ) : (
                  "They appear here once GoHighLevel is connected and the first sync has run."
                )}
              </p>
            </div>
          ) : (
            <ContactsTable rows={rows} contactHref={(id) => `${base}/${id}`} showClinic={clinics.length > 1} />
          )}
        </CardContent>
      </Card>
      {total > 0 && <Pagination label="Contact pages" page={filter.page} pages={pages} total={total} noun="contacts" capped={capped} hasNext={hasNext} href={(page) => hrefWith(base, { ...filters, page })} />}
    </div>
  );
}
