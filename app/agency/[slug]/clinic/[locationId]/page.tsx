import "server-only";
import { allows } from "@/lib/auth/context";
import { TodayList } from "@/components/clinic/today-list";
import { findTodaysSchedule } from "@/lib/clinic/schedule";

import { requireClinicPage } from "@/lib/entry/page-guards";
import { patientName } from "@/lib/calendar/queries";
import { formatInZone, zoneAbbreviation } from "@/lib/time/zoned";
import { ClinicFindings } from "@/components/ops/clinic-findings";
import { openFindingsForClinic } from "@/lib/ops/queue";
import { appointmentChoices, CHECK_IN_EARLY_MS } from "@/lib/calendar/choices";
import { NextPatientCard } from "@/components/clinic/next-patient";
import { reasonLine, riskForAppointments } from "@/lib/noshow/risk";
import { riskStillApplies } from "@/lib/calendar/queries";
import { formatPhone } from "@/lib/contacts/phone";
import { visitChecks } from "@/lib/oversight/patients";
import { zonedDateKey } from "@/lib/time/zoned";

export const metadata = { title: "Today" };

const PAPERWORK_LABEL = { gfe_missing: "GFE missing", gfe_expired: "GFE expired", consent_missing: "consent not signed", consent_outdated: "consent out of date" } as const;

export default async function ClinicTodayPage({ params }: PageProps<"/agency/[slug]/clinic/[locationId]">) {
  const { slug, locationId } = await params;
  const { ctx, clinic } = await requireClinicPage(slug, locationId, "clinic.view");
  const now = new Date();
  const [schedule, findings] = await Promise.all([findTodaysSchedule(ctx.db, clinic, now), openFindingsForClinic(ctx, clinic.id, now)]);
  const risks = await riskForAppointments(ctx.db, schedule.filter((a) => riskStillApplies(a, now)).map((a) => a.id));
  const checks = await visitChecks(ctx, clinic, schedule.map((a) => ({ id: a.id, startTime: a.startTime, calendarId: a.calendarId, contactId: a.contact?.id ?? null })));
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
            paperwork: (checks.get(next.id) ?? []).map((w) => PAPERWORK_LABEL[w.kind]),
          }}
        />
      )}
      <ClinicFindings findings={findings} suppliesHref={`${base}/supplies`} />
      <h2 className="sr-only">Schedule</h2>
      <TodayList
        slug={ctx.organization.slug}
        canCheckIn={allows(ctx, "appointments.checkin")}
        paperwork={{ locationId: clinic.id, today: zonedDateKey(now, clinic.timezone), canUpload: allows(ctx, "contacts.write"), contactsBase: `${base}/contacts` }}
        items={schedule.map((a) => ({
          id: a.id,
          time: time(a.startTime),
          endTime: time(a.endTime),
          patient: patientName(a.contact),
          phone: a.contact?.phone ?? null,
          phoneDisplay: formatPhone(a.contact?.phone) ?? a.contact?.phone ?? null,
          title: a.title,
          status: a.status,
          choices: appointmentChoices(a, now),
          checkInOpensAt: time(new Date(a.startTime.getTime() - CHECK_IN_EARLY_MS)),
          risk: ((r) => (r ? { band: r.band, score: r.score, reason: reasonLine(r.reasons) } : null))(risks.get(a.id)),
          contactId: a.contact?.id ?? null,
          warnings: checks.get(a.id) ?? [],
        }))}
      />
    </>
  );
}
