import { allows } from "@/lib/auth/context";
import { TodayList } from "@/components/clinic/today-list";
import { findTodaysSchedule } from "@/lib/clinic/schedule";

import { requireClinicPage } from "@/lib/clinic/clinics";
import { patientName } from "@/lib/calendar/queries";
import { formatInZone, zoneAbbreviation } from "@/lib/time/zoned";
import { ClinicFindings } from "@/components/ops/clinic-findings";
import { openFindingsForClinic } from "@/lib/ops/queue";
import { appointmentChoices, CHECK_IN_EARLY_MS } from "@/lib/calendar/choices";
import { NextPatientCard } from "@/components/clinic/next-patient";

export const metadata = { title: "Today" };

export default async function ClinicTodayPage({ params }: PageProps<"/agency/[slug]/clinic/[locationId]">) {
  const { slug, locationId } = await params;
  const { ctx, clinic } = await requireClinicPage(slug, locationId, "clinic.view");
  const now = new Date();
  const [schedule, findings] = await Promise.all([findTodaysSchedule(ctx.db, clinic, now), openFindingsForClinic(ctx, clinic.id, now)]);
  const today = formatInZone(now, clinic.timezone, { weekday: "long", month: "long", day: "numeric" });
  const time = (d: Date) => formatInZone(d, clinic.timezone, { hour: "numeric", minute: "2-digit" });
  // The next patient: the earliest visit still waiting whose time has not run out.
  const next = schedule.find((a) => (a.status === "new" || a.status === "confirmed") && a.endTime > now);
  const base = `/agency/${ctx.organization.slug}/clinic/${clinic.id}`;

  return (
    <>
      <div>
        <h1 className="text-2xl font-semibold">Today</h1>
        <p className="text-muted-foreground">
          {today} · times in {zoneAbbreviation(clinic.timezone, now)}
        </p>
      </div>
      {next && (
        <NextPatientCard
          slug={ctx.organization.slug}
          canCheckIn={allows(ctx, "appointments.checkin")}
          canLogSupplies={allows(ctx, "inventory.use")}
          next={{
            id: next.id,
            time: `${time(next.startTime)} – ${time(next.endTime)}`,
            patient: patientName(next.contact),
            title: next.title,
            status: next.status,
            canCheckInNow: appointmentChoices(next, now).checkIn,
            checkInOpensAt: time(new Date(next.startTime.getTime() - CHECK_IN_EARLY_MS)),
            suppliesHref: `${base}/supplies?visit=${encodeURIComponent(next.id)}`,
          }}
        />
      )}
      <ClinicFindings findings={findings} suppliesHref={`${base}/supplies`} />
      <h2 className="sr-only">Schedule</h2>
      <TodayList
        slug={ctx.organization.slug}
        canCheckIn={allows(ctx, "appointments.checkin")}
        items={schedule.map((a) => ({
          id: a.id,
          time: time(a.startTime),
          endTime: time(a.endTime),
          patient: patientName(a.contact),
          phone: a.contact?.phone ?? null,
          title: a.title,
          status: a.status,
          choices: appointmentChoices(a, now),
          checkInOpensAt: time(new Date(a.startTime.getTime() - CHECK_IN_EARLY_MS)),
        }))}
      />
    </>
  );
}
