import Link from "next/link";
import { cn } from "@/lib/utils";
import type { PeriodAppointment } from "@/lib/calendar/queries";
import { formatInZone, zoneAbbreviation } from "@/lib/time/zoned";
import { AppointmentStatusBadge } from "@/components/shared/appointment-status-badge";
import { DoubleBookedBadge } from "@/components/calendar/double-booked-badge";
import { RiskBadge } from "@/components/noshow/risk-badge";

export function appointmentHref(slug: string, appointmentId: string) {
  return `/agency/${slug}/admin/calendar/appointments/${appointmentId}`;
}

/** "9:30 AM CST": each clinic's appointments in that clinic's own zone, the zone named. */
export function clinicTime(date: Date, timezone: string, withZone = true) {
  const time = formatInZone(date, timezone, { hour: "numeric", minute: "2-digit" });
  return withZone ? `${time} ${zoneAbbreviation(timezone, date)}` : time;
}

/** One appointment as a link to its page; compact for week and month cells. */
export function AppointmentLink({
  slug,
  appointment,
  clinicName,
  compact = false,
  showZone = true,
}: {
  slug: string;
  appointment: PeriodAppointment;
  clinicName?: string;
  compact?: boolean;
  /** False under a heading that already names the clinic's zone. */
  showZone?: boolean;
}) {
  const isCancelled = appointment.status === "cancelled";
  // Medium and high only: a calendar full of "low" says nothing. The page shows every band.
  const risk = appointment.risk && appointment.risk.band !== "low" && (appointment.status === "new" || appointment.status === "confirmed") ? appointment.risk : null;
  const time = clinicTime(appointment.startTime, appointment.timezone, showZone);
  // No aria-label: the link's name is its text, with what compact cells hide kept for screen readers.
  return (
    <Link
      href={appointmentHref(slug, appointment.id)}
      className={cn(
        "block rounded-md border bg-card px-2 py-1.5 text-left text-sm hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
        isCancelled && "border-dashed",
      )}
    >
      <span className="flex items-center justify-between gap-2">
        <span className="font-medium tabular-nums">{time}</span>
        {compact ? <span className="sr-only">, {STATUS_WORDS[appointment.status] ?? appointment.status}</span> : <AppointmentStatusBadge status={appointment.status} />}
      </span>
      <span className={cn("block truncate", isCancelled && "line-through")}>{appointment.patient}</span>
      {risk && <RiskBadge band={risk.band} score={risk.score} compact={compact} className="mt-0.5" />}
      {(appointment.provider === "calcom" || appointment.doubleBooked || appointment.rescheduleRequestedAt) && (
        <span className="flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
          {appointment.provider === "calcom" && <span>Cal.com</span>}
          {appointment.rescheduleRequestedAt && <span>· new time requested</span>}
          {appointment.doubleBooked && <DoubleBookedBadge compact={compact} />}
        </span>
      )}
      {appointment.title && <span className={cn("block truncate text-xs text-muted-foreground", compact && "sr-only")}>{appointment.title}</span>}
      {clinicName && <span className="block truncate text-xs text-muted-foreground">{clinicName}</span>}
    </Link>
  );
}

const STATUS_WORDS: Record<string, string> = {
  new: "unconfirmed",
  confirmed: "confirmed",
  showed: "checked in",
  noshow: "no-show",
  cancelled: "cancelled",
  invalid: "invalid",
};
