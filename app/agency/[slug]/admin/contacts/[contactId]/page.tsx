import Link from "next/link";
import { notFound } from "next/navigation";
import { Mail, Pencil, Phone } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/shared/page-header";
import { AppointmentStatusBadge } from "@/components/shared/appointment-status-badge";
import { DeleteContactButton } from "@/components/contacts/delete-contact-button";
import { NoteForm } from "@/components/contacts/note-form";
import { allows } from "@/lib/auth/context";
import { requireMemberPage } from "@/lib/entry/page-guards";

import { customFieldEntries, getContactDetail } from "@/lib/contacts/detail";
import { contactName } from "@/lib/contacts/names";
import { formatInZone } from "@/lib/time/zoned";
import { formatPhone } from "@/lib/contacts/phone";
import { PatientRecords } from "@/components/oversight/patient-records";
import { patientRecordsView } from "@/lib/oversight/patients";

export const metadata = { title: "Contact" };

export default async function ContactPage({ params }: PageProps<"/agency/[slug]/admin/contacts/[contactId]">) {
  const { slug, contactId } = await params;
  const ctx = await requireMemberPage(slug, "agency.view");
  const detail = await getContactDetail(ctx, contactId);
  if (!detail) notFound();
  const { contact, appointments, notes } = detail;
  const base = `/agency/${ctx.organization.slug}/admin/contacts`;
  const name = contactName(contact);
  const zone = contact.location.timezone;
  const fields = customFieldEntries(contact.customFields);
  const paperwork = await patientRecordsView(ctx, { id: contact.id, locationId: contact.locationId, timezone: zone });

  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        <Link href={base} className="hover:underline">
          Contacts
        </Link>{" "}
        / <span aria-current="page">{name}</span>
      </nav>
      <PageHeader
        title={name}
        description={`${contact.location.name} · added ${contact.dateAdded.toISOString().slice(0, 10)}`}
        actions={
          <>
            {allows(ctx, "contacts.write") && (
              <Button variant="outline" asChild>
                <Link href={`${base}/${contact.id}/edit`}>
                  <Pencil aria-hidden="true" /> Edit
                </Link>
              </Button>
            )}
            {allows(ctx, "contacts.delete") && <DeleteContactButton slug={ctx.organization.slug} contactId={contact.id} name={name} listHref={base} />}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Profile</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="flex flex-col gap-3 text-sm">
              <div>
                <dt className="text-muted-foreground">Phone</dt>
                <dd>{contact.phone ? <a className="inline-flex items-center gap-1 hover:underline" href={`tel:${contact.phone}`}><Phone aria-hidden="true" className="size-3.5" />{formatPhone(contact.phone)}</a> : "—"}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Email</dt>
                <dd className="break-all">{contact.email ? <a className="inline-flex items-center gap-1 hover:underline" href={`mailto:${contact.email}`}><Mail aria-hidden="true" className="size-3.5" />{contact.email}</a> : "—"}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Source</dt>
                <dd>{contact.source ?? "—"}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Tags</dt>
                <dd className="mt-1 flex flex-wrap gap-1">
                  {contact.tags.length ? contact.tags.map((tag) => <Badge key={tag} variant="secondary">{tag}</Badge>) : "—"}
                </dd>
              </div>
              {fields.map((field) => (
                <div key={field.id}>
                  <dt className="text-muted-foreground">Custom field {field.id}</dt>
                  <dd>{field.value}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>
              <h2>Appointments</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            {appointments.length === 0 ? (
              <p className="py-4 text-sm text-muted-foreground">No appointments yet.</p>
            ) : (
              <ol className="flex flex-col divide-y">
                {appointments.map((a) => (
                  <li key={a.id} className="flex items-center justify-between gap-3 py-2.5">
                    <div className="min-w-0">
                      <p className="font-medium tabular-nums">
                        {formatInZone(a.startTime, zone, { weekday: "short", month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit" })}
                      </p>
                      <p className="truncate text-sm text-muted-foreground">{a.title ?? "Appointment"}</p>
                    </div>
                    <AppointmentStatusBadge status={a.status} />
                  </li>
                ))}
              </ol>
            )}
            <p className="mt-3 text-xs text-muted-foreground">Times in the clinic&apos;s timezone ({zone}).</p>
          </CardContent>
        </Card>
      </div>
      <PatientRecords slug={ctx.organization.slug} canWrite={allows(ctx, "contacts.write")} {...paperwork} />
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Notes</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-5">
          {allows(ctx, "contacts.write") && <NoteForm slug={ctx.organization.slug} contactId={contact.id} />}
          {notes.length === 0 ? (
            <p className="text-sm text-muted-foreground">No notes yet.</p>
          ) : (
            <ul className="flex flex-col gap-3">
              {notes.map((note) => (
                <li key={note.id} className="rounded-md border p-3">
                  <p className="text-sm whitespace-pre-wrap">{note.body}</p>
                  <p className="mt-1 text-xs text-muted-foreground">
                    {note.authorName ?? "A former team member"} ·{" "}
                    <time dateTime={note.createdAt.toISOString()} className="tabular-nums">
                      {formatInZone(note.createdAt, zone, { month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" })}
                    </time>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
