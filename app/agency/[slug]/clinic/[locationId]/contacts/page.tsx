import { allows } from "@/lib/auth/context";
import { Phone, Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { ContactForm } from "@/components/contacts/contact-form";
import { requireClinicPage } from "@/lib/entry/page-guards";

import { contactName } from "@/lib/contacts/names";
import { ZContactFilter } from "@/lib/contacts/filters";
import { listContacts } from "@/lib/contacts/list";
import { formatPhone } from "@/lib/contacts/phone";

export const metadata = { title: "Contacts" };

/** The front desk's contacts: find someone fast, or add a walk-in. Made for a phone. */
export default async function ClinicContactsPage({ params, searchParams }: PageProps<"/agency/[slug]/clinic/[locationId]/contacts">) {
  const { slug, locationId } = await params;
  const { ctx, clinic } = await requireClinicPage(slug, locationId, "clinic.view");
  const filter = ZContactFilter.parse({ ...(await searchParams), clinic: clinic.id, sort: "name" });
  const { rows, total, capped } = filter.q ? await listContacts(ctx, { ...filter, page: 1 }) : { rows: [], total: 0, capped: false };

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="find-heading" className="flex flex-col gap-3">
        <h1 id="find-heading" className="text-2xl font-semibold">
          Find a contact
        </h1>
        <form role="search" className="flex gap-2">
          <label htmlFor="clinic-contact-q" className="sr-only">
            Name, email or phone
          </label>
          <div className="relative flex-1">
            <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-3 size-5 -translate-y-1/2 text-muted-foreground" />
            <Input id="clinic-contact-q" name="q" type="search" defaultValue={filter.q} placeholder="Name, email or phone" className="h-12 pl-10 text-base" autoComplete="off" />
          </div>
          <Button type="submit" size="lg" className="h-12">
            Search
          </Button>
        </form>
        {filter.q && (
          <div aria-live="polite">
            {rows.length === 0 ? (
              <p className="py-4 text-muted-foreground">No one at this clinic matches “{filter.q}”.</p>
            ) : (
              <>
                <p className="text-sm text-muted-foreground">
                  {total > rows.length ? `First ${rows.length} of ${total.toLocaleString("en-US")}${capped ? "+" : ""} matches` : `${total} ${total === 1 ? "match" : "matches"}`}
                </p>
                <ul className="mt-2 flex flex-col gap-2">
                  {rows.map((row) => (
                    <li key={row.id}>
                      <Card>
                        <CardContent className="flex items-center justify-between gap-3 p-4">
                          <div className="min-w-0">
                            <p className="truncate text-lg font-medium">{contactName(row)}</p>
                            <p className="truncate text-sm text-muted-foreground">{[formatPhone(row.phone), row.email].filter(Boolean).join(" · ")}</p>
                          </div>
                          {row.phone && (
                            <Button variant="outline" size="lg" asChild>
                              <a href={`tel:${row.phone}`} aria-label={`Call ${contactName(row)}`}>
                                <Phone aria-hidden="true" />
                              </a>
                            </Button>
                          )}
                        </CardContent>
                      </Card>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </section>
      {allows(ctx, "contacts.write") && (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Quick add</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <ContactForm slug={ctx.organization.slug} target={{ mode: "create", clinics: [{ id: clinic.id, name: clinic.name }] }} compact />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
