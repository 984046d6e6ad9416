import Link from "next/link";
import { cn } from "@/lib/utils";
import type { PeriodAppointment } from "@/lib/calendar/queries";
import { formatDateKey } from "@/lib/calendar/views";
import { AppointmentLink } from "@/components/calendar/appointment-link";

/** Seven columns on a wide screen, seven stacked days on a phone. */
export function WeekView({
  slug,
  days,
  today,
  byDay,
  clinicNames,
  dayHref,
}: {
  slug: string;
  days: string[];
  today: string;
  byDay: Map<string, PeriodAppointment[]>;
  /** Set when several clinics are shown, so each appointment says where it is. */
  clinicNames: Map<string, string> | null;
  dayHref: (day: string) => string;
}) {
  return (
    <ol className="grid gap-3 lg:grid-cols-7" aria-label="Days of the week">
      {days.map((day) => {
        const appointments = byDay.get(day) ?? [];
        const isToday = day === today;
        return (
          <li key={day} className={cn("flex min-w-0 flex-col gap-2 rounded-lg border bg-muted/40 p-2", isToday && "border-primary")}>
            <h2 className="flex items-baseline justify-between gap-2 px-1 text-sm">
              <Link href={dayHref(day)} className="font-semibold hover:underline" aria-current={isToday ? "date" : undefined}>
                {formatDateKey(day, { weekday: "short", month: "short", day: "numeric" })}
              </Link>
              <span className="text-xs text-muted-foreground">{appointments.length === 0 ? "Free" : `${appointments.length} booked`}</span>
            </h2>
            {appointments.length > 0 && (
              <ol className="flex flex-col gap-1.5">
                {appointments.map((appointment) => (
                  <li key={appointment.id}>
                    <AppointmentLink slug={slug} appointment={appointment} clinicName={clinicNames?.get(appointment.locationId)} compact />
                  </li>
                ))}
              </ol>
            )}
          </li>
        );
      })}
    </ol>
  );
}
