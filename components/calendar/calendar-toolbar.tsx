import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import type { ClinicChoice } from "@/lib/clinic/clinics";
import { CALENDAR_VIEWS, type CalendarState, type CalendarView } from "@/lib/calendar/views";
import { UrlSelect } from "@/components/calendar/url-controls";

const VIEW_LABELS: Record<CalendarView, string> = { day: "Day", week: "Week", month: "Month" };

export function CalendarToolbar({
  state,
  label,
  clinics,
  hrefs,
}: {
  state: CalendarState;
  label: string;
  clinics: ClinicChoice[];
  hrefs: { previous: string; next: string; today: string } & Record<CalendarView, string>;
}) {
  const query = { view: state.view, date: state.date, ...(state.clinicId ? { clinic: state.clinicId } : {}) };
  return (
    <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label="Period" className="flex items-center gap-1">
          <Button asChild variant="outline" size="icon">
            <Link href={hrefs.previous} scroll={false} aria-label="Previous period" aria-keyshortcuts="ArrowLeft">
              <ChevronLeft aria-hidden="true" />
            </Link>
          </Button>
          <Button asChild variant="outline">
            <Link href={hrefs.today} scroll={false} aria-keyshortcuts="T">
              Today
            </Link>
          </Button>
          <Button asChild variant="outline" size="icon">
            <Link href={hrefs.next} scroll={false} aria-label="Next period" aria-keyshortcuts="ArrowRight">
              <ChevronRight aria-hidden="true" />
            </Link>
          </Button>
        </nav>
        <h2 className="text-lg font-semibold" aria-live="polite">
          {label}
        </h2>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label="View" className="inline-flex rounded-md border bg-card p-0.5">
          {CALENDAR_VIEWS.map((view) => (
            <Link
              key={view}
              href={hrefs[view]}
              scroll={false}
              aria-current={state.view === view ? "page" : undefined}
              aria-keyshortcuts={view[0]!.toUpperCase()}
              className={cn(
                "rounded-sm px-3 py-1.5 text-sm font-medium text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                state.view === view && "bg-primary text-primary-foreground hover:text-primary-foreground",
              )}
            >
              {VIEW_LABELS[view]}
            </Link>
          ))}
        </nav>
        <UrlSelect
          aria-label="Clinic"
          query={query}
          param="clinic"
          value={state.clinicId ?? ""}
          placeholder="All clinics"
          options={clinics.map((c) => ({ value: c.id, label: c.name }))}
          className="h-9 w-auto min-w-44"
        />
      </div>
    </div>
  );
}
