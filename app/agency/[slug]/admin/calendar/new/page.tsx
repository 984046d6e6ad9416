import "server-only";
import Link from "next/link";
import { ArrowLeft, Check } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/shared/page-header";
import { FormField } from "@/components/shared/form-field";
import { BookingForm } from "@/components/calendar/booking-form";
import { UrlSearchInput, UrlSelect } from "@/components/calendar/url-controls";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { visibleClinics } from "@/lib/clinic/clinics";
import { findBookingPatient } from "@/lib/calendar/booking-patient";
import { loadFreeSlots } from "@/lib/calendar/free-slots";
import { findBookableCalendars, patientName } from "@/lib/calendar/queries";
import { findContactMatches } from "@/lib/contacts/list";
import { isDateKey } from "@/lib/calendar/views";
import { zoneAbbreviation, zonedDateKey } from "@/lib/time/zoned";
import { formatPhone } from "@/lib/contacts/phone";
import { CalcomBookingForm } from "@/components/calendar/calcom-booking-form";
import { findBookableEventTypes, loadCalcomSlots } from "@/lib/calcom/scheduling";
import { searchParamText } from "@/lib/http/search-params";

export const metadata = { title: "Book appointment" };

function param(value: string | string[] | undefined): string {
  return searchParamText(value, 80);
}

/**
 * Booking, one choice after another: clinic, calendar, patient, then the time. The choices live
 * in the URL, so the free times and patient matches are read on the server for exactly them.
 */
export default async function BookAppointmentPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/calendar/new">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "calendar.write");
  const raw = await searchParams;
  const clinics = await visibleClinics(ctx);
  const clinic = clinics.find((c) => c.id === param(raw.clinic)) ?? (clinics.length === 1 ? clinics[0] : undefined);
  const calendars = clinic ? await findBookableCalendars(ctx.db, clinic.id) : [];
  // Cal.com event types mapped to the clinic are offered beside its GHL calendars, as "calcom:<id>".
  const eventTypes = clinic ? await findBookableEventTypes(ctx.db, clinic.id) : [];
  const eventType = eventTypes.find((t) => `calcom:${t.eventTypeId}` === param(raw.calendar));
  const calendar = eventType ? undefined : (calendars.find((c) => c.ghlCalendarId === param(raw.calendar)) ?? calendars[0]);
  const calendarChoice = eventType ? `calcom:${eventType.eventTypeId}` : calendar?.ghlCalendarId;
  const today = clinic ? zonedDateKey(new Date(), clinic.timezone) : "";
  const date = isDateKey(param(raw.date)) ? param(raw.date) : today;
  const q = param(raw.q);
  const matches = clinic && q ? await findContactMatches(ctx, { q, clinic: clinic.id }) : [];
  const contact = clinic && param(raw.contact) ? await findBookingPatient(ctx.db, clinic.id, param(raw.contact)) : null;

  const query: Record<string, string> = {};
  if (clinic) query.clinic = clinic.id;
  if (calendarChoice) query.calendar = calendarChoice;
  if (date) query.date = date;
  if (q) query.q = q;
  if (contact) query.contact = contact.id;
  const base = `/agency/${ctx.organization.slug}/admin/calendar`;
  const withParams = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(query);
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    return `${base}/new?${next.toString()}`;
  };
  // Not awaited: the page renders at once and the free times stream in when GHL answers.
  const slots = clinic && calendar && date ? loadFreeSlots(ctx.db, clinic, calendar.ghlCalendarId, date) : null;
  const calcomSlots = clinic && eventType && date ? loadCalcomSlots(ctx.db, clinic, eventType.eventTypeId, date) : null;

  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <Link href={`${base}?view=day&date=${date || ""}${clinic ? `&clinic=${clinic.id}` : ""}`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft aria-hidden="true" className="size-4" /> Calendar
      </Link>
      <PageHeader title="Book appointment" description={eventType ? "Booked in Cal.com first, then shown here." : "Booked in GoHighLevel first, then shown here."} />

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Clinic and calendar</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField id="book-clinic" label="Clinic">
            <UrlSelect query={query} param="clinic" value={clinic?.id ?? ""} placeholder="Choose a clinic" clear={["calendar", "contact", "q", "date"]} options={clinics.map((c) => ({ value: c.id, label: c.name }))} />
          </FormField>
          {clinic && (
            <FormField id="book-calendar" label="Calendar">
              <UrlSelect
              query={query}
              param="calendar"
              value={calendarChoice ?? ""}
              options={[...calendars.map((c) => ({ value: c.ghlCalendarId, label: c.name })), ...eventTypes.map((t) => ({ value: `calcom:${t.eventTypeId}`, label: `${t.title} (Cal.com)` }))]}
            />
            </FormField>
          )}
          {clinic && calendars.length === 0 && eventTypes.length === 0 && (
            <p className="text-sm text-muted-foreground sm:col-span-2">This clinic has no active calendars in GoHighLevel yet.</p>
          )}
        </CardContent>
      </Card>

      {clinic && calendarChoice && (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Patient</h2>
            </CardTitle>
            <CardDescription>Search {clinic.name}&apos;s patients by name, email or phone.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            {contact ? (
              <div className="flex items-center justify-between gap-3 rounded-md border bg-accent/50 px-3 py-2">
                <p>
                  <Check aria-hidden="true" className="mr-1 inline size-4 text-success" />
                  <span className="font-medium">{patientName(contact)}</span>
                  <span className="ml-2 text-sm text-muted-foreground">{formatPhone(contact.phone) ?? contact.email}</span>
                </p>
                <Link href={withParams({ contact: null })} className="text-sm text-primary hover:underline">
                  Change patient
                </Link>
              </div>
            ) : (
              <>
                <FormField id="book-patient-search" label="Find a patient">
                  <UrlSearchInput query={query} param="q" value={q} placeholder="Name, email or phone" />
                </FormField>
                {q.length >= 2 && matches.length === 0 && <p className="text-sm text-muted-foreground">No patient of this clinic matches “{q}”.</p>}
                {matches.length > 0 && (
                  <ul className="flex flex-col gap-1" aria-label="Matching patients">
                    {matches.map((m) => (
                      <li key={m.id}>
                        <Link
                          href={withParams({ contact: m.id })}
                          scroll={false}
                          className="flex items-center justify-between gap-3 rounded-md border bg-card px-3 py-2 hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                        >
                          <span className="font-medium">{patientName(m)}</span>
                          <span className="truncate text-sm text-muted-foreground">{formatPhone(m.phone) ?? m.email}</span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </CardContent>
        </Card>
      )}

      {clinic && eventType && (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Time</h2>
            </CardTitle>
            <CardDescription>
              Times are {clinic.name}&apos;s local time ({clinic.timezone}). {eventType.title} lasts {eventType.lengthInMinutes} minutes in Cal.com.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <CalcomBookingForm
              slug={ctx.organization.slug}
              query={query}
              locationId={clinic.id}
              eventTypeId={eventType.eventTypeId}
              contactId={contact?.id ?? ""}
              date={date}
              zoneLabel={`${clinic.name}, ${zoneAbbreviation(clinic.timezone)}`}
              lengthInMinutes={eventType.lengthInMinutes}
              slots={calcomSlots}
            />
          </CardContent>
        </Card>
      )}

      {clinic && calendar && (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Time</h2>
            </CardTitle>
            <CardDescription>Times are {clinic.name}&apos;s local time ({clinic.timezone}).</CardDescription>
          </CardHeader>
          <CardContent>
            <BookingForm
              slug={ctx.organization.slug}
              query={query}
              locationId={clinic.id}
              calendarId={calendar.ghlCalendarId}
              contactId={contact?.id ?? ""}
              date={date}
              zoneLabel={`${clinic.name}, ${zoneAbbreviation(clinic.timezone)}`}
              defaultDuration={calendar.slotDurationMinutes ?? 60}
              slots={slots}
            />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
