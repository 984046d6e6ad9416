import "server-only";
import Link from "next/link";
import { CalendarPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/shared/page-header";
import { CalendarKeyboard } from "@/components/calendar/calendar-keyboard";
import { CalendarToolbar } from "@/components/calendar/calendar-toolbar";
import { DayView } from "@/components/calendar/day-view";
import { MonthView } from "@/components/calendar/month-view";
import { WeekView } from "@/components/calendar/week-view";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { visibleClinics } from "@/lib/clinic/clinics";
import { findAppointmentsForPeriod, PERIOD_LIMIT } from "@/lib/calendar/queries";
import { calendarQuery, parseCalendarState, periodDays, periodLabel, shiftDate, type CalendarState } from "@/lib/calendar/views";
import { zonedDateKey } from "@/lib/time/zoned";

export const metadata = { title: "Calendar" };

export default async function CalendarPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/calendar">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "agency.view");
  const clinics = await visibleClinics(ctx);
  const raw = await searchParams;
  const chosen = clinics.find((c) => c.id === raw.clinic);
  // "Today" is a local date: the chosen clinic's, or the first clinic's when all are shown.
  const today = zonedDateKey(new Date(), (chosen ?? clinics[0])?.timezone ?? "UTC");
  // A clinic the member cannot see (or that is gone) falls back to all of theirs, as on the dashboard.
  const state: CalendarState = { ...parseCalendarState(raw, today), clinicId: chosen?.id ?? null };
  const visible = chosen ? [chosen] : clinics;
  const days = periodDays(state);
  const { byDay, truncated } = await findAppointmentsForPeriod(ctx.db, visible, days);

  const base = `/agency/${ctx.organization.slug}/admin/calendar`;
  const href = (patch: Partial<CalendarState>) => `${base}?${calendarQuery({ ...state, ...patch })}`;
  const hrefs = {
    previous: href({ date: shiftDate(state, -1) }),
    next: href({ date: shiftDate(state, 1) }),
    today: href({ date: today }),
    day: href({ view: "day" }),
    week: href({ view: "week" }),
    month: href({ view: "month" }),
  };
  const dayHref = (day: string) => href({ view: "day", date: day });
  const bookHref = `${base}/new?${new URLSearchParams({ date: state.date < today ? today : state.date, ...(chosen ? { clinic: chosen.id } : {}) })}`;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Calendar"
        description="Each clinic's appointments in that clinic's own time zone."
        actions={
          clinics.length > 0 && (
            <Button asChild>
              <Link href={bookHref}>
                <CalendarPlus aria-hidden="true" /> Book appointment
              </Link>
            </Button>
          )
        }
      />
      <CalendarKeyboard hrefs={hrefs} />
      <CalendarToolbar state={state} label={periodLabel(state)} clinics={clinics} hrefs={hrefs} />
      <p className="hidden text-xs text-muted-foreground pointer-fine:block">Keyboard: ← and → move a period, T goes to today, D, W and M switch the view.</p>
      {truncated && (
        <p role="status" className="rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm">
          Showing the first {PERIOD_LIMIT.toLocaleString("en-US")} appointments. Choose one clinic or a shorter view to see them all.
        </p>
      )}
      {clinics.length === 0 ? (
        <p className="rounded-lg border bg-card p-10 text-center text-muted-foreground">
          No clinics yet. Connect GoHighLevel in Settings to bring in your clinics and their calendars.
        </p>
      ) : state.view === "day" ? (
        <DayView slug={ctx.organization.slug} date={state.date} clinics={visible} appointments={byDay.get(state.date) ?? []} />
      ) : state.view === "week" ? (
        <WeekView
          slug={ctx.organization.slug}
          days={days}
          today={today}
          byDay={byDay}
          clinics={visible}
          dayHref={dayHref}
        />
      ) : (
        <MonthView days={days} month={state.date.slice(0, 7)} today={today} byDay={byDay} dayHref={dayHref} />
      )}
    </div>
  );
}
