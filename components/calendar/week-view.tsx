import Link from "next/link";
import { cn } from "@/lib/utils";
import type { ClinicChoice } from "@/lib/clinic/clinics";
import type { PeriodAppointment } from "@/lib/calendar/queries";
import { formatDateKey } from "@/lib/calendar/views";
import { zoneAbbreviation } from "@/lib/time/zoned";
import { AppointmentLink } from "@/components/calendar/appointment-link";

/**
 * Seven columns on a wide screen, seven stacked days on a phone. With several clinics each day
 * lists its appointments per clinic under the clinic's name and time zone, so times of clinics
 * in different zones never sit in one list.
 */
export function WeekView({
  slug,
  days,
  today,
  byDay,
  clinics,
  dayHref,
}: {
  slug: string;
  days: string[];
  today: string;
  byDay: Map<string, PeriodAppointment[]>;
  /** The clinics shown; with more than one, each day is grouped by clinic. */
  clinics: ClinicChoice[];
  dayHref: (day: string) => string;
}) {
  const grouped = clinics.length > 1;
  return (
    <ol className="grid gap-3 lg:grid-cols-7" aria-label="Days of the week">
      {days.map((day) => {
        const appointments = byDay.get(day) ?? [];
        const isToday = day === today;
        const dayLabel = formatDateKey(day, { weekday: "short", month: "short", day: "numeric" });
        return (
          <li key={day} className={cn("flex min-w-0 flex-col gap-2 rounded-lg border bg-muted/40 p-2", isToday && "border-primary")}>
            <h2 className="flex items-baseline justify-between gap-2 px-1 text-sm">
              <Link href={dayHref(day)} className="font-semibold hover:underline" aria-current={isToday ? "date" : undefined}>
                {dayLabel}
              </Link>
              <span className="text-xs text-muted-foreground">{appointments.length === 0 ? "Free" : `${appointments.length} booked`}</span>
            </h2>
            {appointments.length > 0 && !grouped && (
              <ol className="flex flex-col gap-1.5">
                {appointments.map((appointment) => (
                  <li key={appointment.id}>
                    <AppointmentLink slug={slug} appointment={appointment} compact />
                  </li>
                ))}
              </ol>
            )}
            {appointments.length > 0 &&
              grouped &&
              clinics.map((clinic) => {
                const own = appointments.filter((a) => a.locationId === clinic.id);
                if (own.length === 0) return null;
                const zone = zoneAbbreviation(clinic.timezone, own[0]!.startTime);
                return (
                  <section key={clinic.id} aria-label={`${clinic.name}, ${dayLabel}, times in ${zone}`} className="flex flex-col gap-1.5">
                    <h3 className="flex items-baseline justify-between gap-2 px-1 text-xs font-medium text-muted-foreground">
                      <span className="min-w-0 break-words">{clinic.name}</span>
                      <span className="shrink-0 tabular-nums">{zone}</span>
                    </h3>
                    <ol className="flex flex-col gap-1.5">
                      {own.map((appointment) => (
                        <li key={appointment.id}>
                          <AppointmentLink slug={slug} appointment={appointment} compact showZone={false} />
                        </li>
                      ))}
                    </ol>
                  </section>
                );
              })}
          </li>
        );
      })}
    </ol>
  );
}
