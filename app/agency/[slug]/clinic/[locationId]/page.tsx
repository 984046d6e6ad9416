import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, CardContent } from "@/components/ui/card";
import { Logo } from "@/components/shared/logo";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { AppointmentStatusBadge } from "@/components/shared/appointment-status-badge";
import { findClinic, findTodaysSchedule } from "@/lib/clinic/schedule";
import { canSeeClinic, requireMemberPage } from "@/lib/auth/context";
import { formatInZone } from "@/lib/time/zoned";

export const metadata = { title: "Today" };

export default async function ClinicTodayPage({ params }: PageProps<"/agency/[slug]/clinic/[locationId]">) {
  const { slug, locationId } = await params;
  const ctx = await requireMemberPage(slug, "clinic.view");
  const { organization, db } = ctx;
  const clinic = canSeeClinic(ctx, locationId) ? await findClinic(db, locationId) : null;
  if (!clinic) notFound();
  const schedule = await findTodaysSchedule(db, clinic);
  const today = formatInZone(new Date(), clinic.timezone, { weekday: "long", month: "long", day: "numeric" });

  return (
    <div className="min-h-dvh bg-background">
      <header className="border-b bg-card">
        <div className="mx-auto flex max-w-2xl items-center justify-between gap-3 px-4 py-3">
          <Logo href={`/agency/${organization.slug}/clinic/${clinic.id}`} />
          <div className="flex min-w-0 items-center gap-1">
            <span className="truncate text-sm text-muted-foreground">{clinic.name}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto flex max-w-2xl flex-col gap-4 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold">Today</h1>
          <p className="text-muted-foreground">{today}</p>
        </div>
        <h2 className="sr-only">Schedule</h2>
        {schedule.length === 0 ? (
          <Card>
            <CardContent className="py-12 text-center text-muted-foreground">No appointments today.</CardContent>
          </Card>
        ) : (
          <ol className="flex flex-col gap-3">
            {schedule.map((appointment) => {
              const name = [appointment.contact?.firstName, appointment.contact?.lastName].filter(Boolean).join(" ") || "Unknown patient";
              return (
                <li key={appointment.id}>
                  <Card>
                    <CardContent className="flex items-center justify-between gap-3 p-4">
                      <div className="min-w-0">
                        <p className="text-lg font-semibold tabular-nums">
                          {formatInZone(appointment.startTime, clinic.timezone, { hour: "numeric", minute: "2-digit" })}
                        </p>
                        <p className="truncate font-medium">{name}</p>
                        <p className="truncate text-sm text-muted-foreground">{appointment.title}</p>
                      </div>
                      <AppointmentStatusBadge status={appointment.status} />
                    </CardContent>
                  </Card>
                </li>
              );
            })}
          </ol>
        )}
        {ctx.clinicIds === null && (
          <p className="text-center text-sm text-muted-foreground">
            <Link className="underline" href={`/agency/${organization.slug}/admin`}>
              Agency dashboard
            </Link>
          </p>
        )}
      </main>
    </div>
  );
}
