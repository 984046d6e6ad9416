import "server-only";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { AppointmentStatusBadge } from "@/components/shared/appointment-status-badge";
import { AppointmentActions } from "@/components/calendar/appointment-actions";
import { clinicTime } from "@/components/calendar/appointment-link";
import { RescheduleForm } from "@/components/calendar/reschedule-form";
import { allows } from "@/lib/auth/context";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { loadFreeSlots } from "@/lib/calendar/free-slots";
import { findAppointmentDetail, riskStillApplies } from "@/lib/calendar/queries";
import { riskForAppointments } from "@/lib/noshow/risk";
import { AppointmentRiskCard } from "@/components/noshow/appointment-risk-card";
import { formatDateKey, isDateKey } from "@/lib/calendar/views";
import { NotFoundError } from "@/lib/errors";
import { zoneAbbreviation, zonedDateKey, zonedTimeKey } from "@/lib/time/zoned";
import { formatPhone } from "@/lib/contacts/phone";
import { appointmentChoices } from "@/lib/calendar/choices";
import { findProviderDetail } from "@/lib/calcom/detail";
import { loadCalcomSlots } from "@/lib/calcom/scheduling";
import { DoubleBookedBadge } from "@/components/calendar/double-booked-badge";
import { VisitWarnings } from "@/components/oversight/visit-warnings";
import { visitChecks } from "@/lib/oversight/patients";
import { findChartReviewCard } from "@/lib/oversight/rules";
import { ChartReviewForm } from "@/components/oversight/chart-review-form";

export const metadata = { title: "Appointment" };

async function findOr404(...args: Parameters<typeof findAppointmentDetail>) {
  try {
    return await findAppointmentDetail(...args);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

export default async function AppointmentPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/calendar/appointments/[appointmentId]">) {
  const { slug, appointmentId } = await params;
  const ctx = await requireMemberPage(slug, "agency.view");
  const appointment = await findOr404(ctx, appointmentId);
  const { location } = appointment;
  const raw = await searchParams;
  const currentDate = zonedDateKey(appointment.startTime, location.timezone);
  const requested = Array.isArray(raw.date) ? raw.date[0] : raw.date;
  const date = isDateKey(requested) ? requested : currentDate;
  const isOpen = appointment.status !== "cancelled";
  const choices = appointmentChoices(appointment, new Date());
  const provider = await findProviderDetail(ctx.db, { ...appointment, locationId: location.id });
  const risk = riskStillApplies(appointment, new Date()) ? ((await riskForAppointments(ctx.db, [appointment.id])).get(appointment.id) ?? null) : null;
  const paperwork =
    (await visitChecks(ctx, location, [{ id: appointment.id, startTime: appointment.startTime, calendarId: appointment.calendarId, contactId: appointment.contact?.id ?? null }])).get(appointment.id) ?? [];
  const { review: chartReview, medicalDirector } =
    appointment.status === "showed" ? await findChartReviewCard(ctx, { appointmentId: appointment.id, locationId: location.id }) : { review: null, medicalDirector: null };
  const slots = !choices.reschedule
    ? null
    : appointment.provider === "calcom"
      ? appointment.calcomEventTypeId
        ? loadCalcomSlots(ctx.db, location, appointment.calcomEventTypeId, date)
        : null
      : appointment.calendarId
        ? loadFreeSlots(ctx.db, location, appointment.calendarId, date)
        : null;
  const calendarHref = `/agency/${ctx.organization.slug}/admin/calendar?view=day&date=${currentDate}&clinic=${location.id}`;
  const zone = `${location.timezone} (${zoneAbbreviation(location.timezone, appointment.startTime)})`;
  const durationMinutes = Math.round((appointment.endTime.getTime() - appointment.startTime.getTime()) / 60_000);
  const details: Array<[string, React.ReactNode]> = [
    ["Patient", appointment.patient],
    ["Phone", formatPhone(appointment.contact?.phone) ?? "—"],
    ["Email", appointment.contact?.email ?? "—"],
    ["Clinic", location.name],
    ["Booked through", provider.source],
    ["Calendar", [provider.eventTypeTitle, appointment.calendarName].filter(Boolean).join(" · ") || "—"],
    ["Date", formatDateKey(currentDate, { weekday: "long", month: "long", day: "numeric", year: "numeric" })],
    ["Time", `${clinicTime(appointment.startTime, location.timezone, false)} – ${clinicTime(appointment.endTime, location.timezone)}`],
    ["Time zone", zone],
    ["Treatment", appointment.title ?? "—"],
    ["Notes", appointment.notes ?? "—"],
  ];
  if (provider.moves > 0) details.push(["History", `Moved ${provider.moves === 1 ? "once" : `${provider.moves} times`} in Cal.com; still the same appointment.`]);
  if (provider.rescheduleRequested) details.push(["Reschedule", "The clinic asked the patient to pick a new time in Cal.com. The slot is free until they do."]);

  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <Link href={calendarHref} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft aria-hidden="true" className="size-4" /> Calendar
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{appointment.patient}</h1>
        <AppointmentStatusBadge status={appointment.status} />
        {provider.conflicts.length > 0 && <DoubleBookedBadge />}
      </div>
      {isOpen && paperwork.length > 0 && (
        <VisitWarnings
          slug={ctx.organization.slug}
          locationId={location.id}
          contactId={appointment.contact?.id ?? null}
          patient={appointment.patient}
          warnings={paperwork}
          today={zonedDateKey(new Date(), location.timezone)}
          canUpload={allows(ctx, "contacts.write")}
          patientHref={appointment.contact ? `/agency/${ctx.organization.slug}/admin/contacts/${appointment.contact.id}` : undefined}
        />
      )}
      {provider.conflicts.length > 0 && (
        <div role="alert" className="rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm">
          This time overlaps{" "}
          {provider.conflicts.map((c, i) => (
            <span key={c.id}>
              {i > 0 && ", "}
              <Link className="font-medium underline" href={`/agency/${ctx.organization.slug}/admin/calendar/appointments/${c.id}`}>
                {c.patient} ({clinicTime(c.startTime, location.timezone)})
              </Link>
            </span>
          ))}{" "}
          in {provider.source === "Cal.com" ? "GoHighLevel" : "Cal.com"} on the same chairs. Move one of them.
        </div>
      )}
      {raw.booked === "1" && (
        <p role="status" className="rounded-md border border-success/40 bg-success/10 px-3 py-2 text-sm">
          Booked in {provider.source}.
        </p>
      )}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Details</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[10rem_1fr]">
            {details.map(([term, value]) => (
              <div key={term} className="contents">
                <dt className="text-sm text-muted-foreground">{term}</dt>
                <dd className="break-words">{value}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      {risk && (
        <AppointmentRiskCard
          risk={risk}
          unconfirmed={appointment.status === "new"}
          phone={appointment.contact?.phone ?? null}
          scoredAt={clinicTime(risk.scoredAt, location.timezone)}
          insightsHref={`/agency/${ctx.organization.slug}/admin/insights/no-shows`}
        />
      )}
      {appointment.status === "showed" && allows(ctx, "oversight.manage") && (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Chart review</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <ChartReviewForm
              slug={ctx.organization.slug}
              appointmentId={appointment.id}
              reviewer={medicalDirector}
              reviewed={chartReview ? { by: chartReview.reviewer, on: zonedDateKey(chartReview.reviewedAt, location.timezone) } : null}
            />
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Status</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          {isOpen ? (
            <AppointmentActions
              slug={ctx.organization.slug}
              appointmentId={appointment.id}
              status={appointment.status}
              patient={appointment.patient}
              choices={choices}
            />
          ) : (
            <p className="text-sm text-muted-foreground">This appointment is cancelled.</p>
          )}
        </CardContent>
      </Card>
      {choices.reschedule && (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Reschedule</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <RescheduleForm
              slug={ctx.organization.slug}
              appointmentId={appointment.id}
              query={{ date }}
              date={date}
              time={zonedTimeKey(appointment.startTime, location.timezone)}
              durationMinutes={Math.min(480, Math.max(5, durationMinutes))}
              zoneLabel={`${location.name}, ${zoneAbbreviation(location.timezone, appointment.startTime)}`}
              slots={slots}
              provider={provider.source}
            />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
