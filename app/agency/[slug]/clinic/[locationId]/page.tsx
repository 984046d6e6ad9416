import { TodayList } from "@/components/clinic/today-list";
import { findTodaysSchedule } from "@/lib/clinic/schedule";
import { can } from "@/lib/auth/permissions";
import { requireClinicPage } from "@/lib/clinic/clinics";
import { patientName } from "@/lib/calendar/queries";
import { formatInZone, zoneAbbreviation } from "@/lib/time/zoned";
import { ClinicFindings } from "@/components/ops/clinic-findings";
import { openFindingsForClinic } from "@/lib/ops/queue";

export const metadata = { title: "Today" };

export default async function ClinicTodayPage({ params }: PageProps<"/agency/[slug]/clinic/[locationId]">) {
  const { slug, locationId } = await params;
  const { ctx, clinic } = await requireClinicPage(slug, locationId, "clinic.view");
  const now = new Date();
  const [schedule, findings] = await Promise.all([findTodaysSchedule(ctx.db, clinic, now), openFindingsForClinic(ctx, clinic.id, now)]);
  const today = formatInZone(now, clinic.timezone, { weekday: "long", month: "long", day: "numeric" });
  const time = (d: Date) => formatInZone(d, clinic.timezone, { hour: "numeric", minute: "2-digit" });

  return (
    <>
      <div>
        <h1 className="text-2xl font-semibold">Today</h1>
        <p className="text-muted-foreground">
          {today} · times in {zoneAbbreviation(clinic.timezone, now)}
        </p>
      </div>
      <ClinicFindings findings={findings} suppliesHref={`/agency/${ctx.organization.slug}/clinic/${clinic.id}/supplies`} />
      <h2 className="sr-only">Schedule</h2>
      <TodayList
        slug={ctx.organization.slug}
        canCheckIn={can(ctx.role, "appointments.checkin")}
        items={schedule.map((a) => ({
          id: a.id,
          time: time(a.startTime),
          endTime: time(a.endTime),
          patient: patientName(a.contact),
          phone: a.contact?.phone ?? null,
          title: a.title,
          status: a.status,
        }))}
      />
    </>
  );
}
