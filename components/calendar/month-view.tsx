import Link from "next/link";
import { cn } from "@/lib/utils";
import type { PeriodAppointment } from "@/lib/calendar/queries";
import { formatDateKey } from "@/lib/calendar/views";
import { clinicTime } from "@/components/calendar/appointment-link";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const SHOWN_PER_DAY = 3;

/**
 * A month grid of whole weeks on a wide screen; on a phone, only the days that have
 * appointments, as a list. Each day links to its day view, where every appointment is listed.
 */
export function MonthView({
  days,
  month,
  today,
  byDay,
  dayHref,
}: {
  days: string[];
  /** "YYYY-MM" of the month shown; other days fill the first and last week. */
  month: string;
  today: string;
  byDay: Map<string, PeriodAppointment[]>;
  dayHref: (day: string) => string;
}) {
  const busyDays = days.filter((day) => day.startsWith(month) && (byDay.get(day)?.length ?? 0) > 0);
  return (
    <>
      <div className="hidden lg:block">
        <table className="w-full table-fixed border-collapse text-sm">
          <caption className="sr-only">Appointments by day; each day links to its day view.</caption>
          <thead>
            <tr>
              {WEEKDAYS.map((name) => (
                <th key={name} scope="col" className="pb-2 text-left font-medium text-muted-foreground">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: days.length / 7 }, (_, week) => (
              <tr key={week}>
                {days.slice(week * 7, week * 7 + 7).map((day) => {
                  const appointments = byDay.get(day) ?? [];
                  const inMonth = day.startsWith(month);
                  return (
                    <td key={day} className={cn("h-28 border p-1.5 align-top", !inMonth && "bg-muted/50 text-muted-foreground", day === today && "border-primary")}>
                      <Link
                        href={dayHref(day)}
                        aria-current={day === today ? "date" : undefined}
                        className="block h-full rounded-sm hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                      >
                        <span className="sr-only">
                          {formatDateKey(day, { weekday: "long" })}, {formatDateKey(day, { month: "long" })}{" "}
                        </span>
                        <span className="font-semibold tabular-nums">{Number(day.slice(8))}</span>
                        <span className="sr-only">, {appointments.length} appointments</span>
                        <span aria-hidden="true" className="mt-1 flex flex-col gap-0.5 text-xs">
                          {appointments.slice(0, SHOWN_PER_DAY).map((a) => (
                            <span key={a.id} className={cn("truncate", a.status === "cancelled" && "line-through")}>
                              {clinicTime(a.startTime, a.timezone, false)} {a.patient}
                            </span>
                          ))}
                          {appointments.length > SHOWN_PER_DAY && <span className="text-muted-foreground">+{appointments.length - SHOWN_PER_DAY} more</span>}
                        </span>
                      </Link>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ol className="flex flex-col gap-2 lg:hidden" aria-label="Days with appointments">
        {busyDays.length === 0 && <li className="rounded-lg border bg-card p-6 text-center text-sm text-muted-foreground">No appointments this month.</li>}
        {busyDays.map((day) => (
          <li key={day}>
            <Link href={dayHref(day)} className="flex items-center justify-between rounded-lg border bg-card px-4 py-3 hover:bg-accent">
              <span className="font-medium">{formatDateKey(day, { weekday: "short", month: "short", day: "numeric" })}</span>
              <span className="text-sm text-muted-foreground">{byDay.get(day)!.length} appointments</span>
            </Link>
          </li>
        ))}
      </ol>
    </>
  );
}
