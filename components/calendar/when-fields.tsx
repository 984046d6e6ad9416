"use client";

import { Suspense, use } from "react";
import { cn } from "@/lib/utils";
import type { FreeSlotsResult } from "@/lib/calendar/free-slots";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { FormField } from "@/components/shared/form-field";
import { UrlDateInput } from "@/components/calendar/url-controls";

function SlotButtons({ slots, value, onPick, source }: { slots: Promise<FreeSlotsResult>; value: string; onPick: (time: string) => void; source: string }) {
  const result = use(slots);
  if (!result.ok) return <p className="text-sm text-warning-text">{result.message}</p>;
  if (result.slots.length === 0) return <p className="text-sm text-muted-foreground">{source} has no free times on this day. Pick another day or enter a time.</p>;
  return (
    <ul className="flex flex-wrap gap-2">
      {result.slots.map((slot) => (
        <li key={slot.time}>
          <button
            type="button"
            aria-pressed={value === slot.time}
            onClick={() => onPick(slot.time)}
            className={cn(
              "h-10 min-w-20 rounded-md border bg-card px-3 text-sm font-medium tabular-nums hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              value === slot.time && "border-primary bg-primary text-primary-foreground hover:bg-primary/90",
            )}
          >
            {slot.label}
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * Date, free times from GHL and a manual time, all read as the clinic's wall clock. The date
 * lives in the URL (so the free times for it are read on the server); time and length are
 * form state, which survives that navigation.
 */
export function WhenFields({
  idPrefix,
  query,
  date,
  zoneLabel,
  slots,
  time,
  onTime,
  duration,
  onDuration,
  fieldError,
  source = "GoHighLevel",
  fixedDuration = false,
}: {
  /** Where the free times come from: "GoHighLevel" or "Cal.com". */
  source?: string;
  /** Cal.com event types have their own length: no field to change it. */
  fixedDuration?: boolean;
  idPrefix: string;
  query: Record<string, string>;
  date: string;
  zoneLabel: string;
  slots: Promise<FreeSlotsResult> | null;
  time: string;
  onTime: (time: string) => void;
  duration: string;
  onDuration: (minutes: string) => void;
  fieldError: (name: string) => string | undefined;
}) {
  return (
    <fieldset className="flex flex-col gap-4">
      <legend className="mb-2 text-sm font-medium">When ({zoneLabel})</legend>
      <FormField id={`${idPrefix}-date`} label="Date" error={fieldError("date")}>
        <UrlDateInput query={query} param="date" value={date} />
      </FormField>
      <div className="flex flex-col gap-2">
        <p id={`${idPrefix}-slots-label`} className="text-sm font-medium">
          Free times in {source}
        </p>
        <div role="group" aria-labelledby={`${idPrefix}-slots-label`}>
          {slots ? (
            <Suspense
              fallback={
                <div className="flex gap-2" aria-busy="true">
                  <span className="sr-only">Loading free times…</span>
                  {Array.from({ length: 5 }, (_, i) => (
                    <Skeleton key={i} className="h-10 w-20" />
                  ))}
                </div>
              }
            >
              <SlotButtons slots={slots} value={time} onPick={onTime} source={source} />
            </Suspense>
          ) : (
            <p className="text-sm text-muted-foreground">Choose a calendar to see its free times.</p>
          )}
        </div>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={`${idPrefix}-time`} label="Start time" hint="Or pick a free time above." error={fieldError("time")}>
          <Input type="time" value={time} onChange={(e) => onTime(e.target.value)} required />
        </FormField>
        {fixedDuration ? (
          <p className="self-end text-sm text-muted-foreground">Lasts {duration} minutes.</p>
        ) : (
          <FormField id={`${idPrefix}-duration`} label="Length (minutes)" error={fieldError("durationMinutes")}>
            <Input type="number" inputMode="numeric" min={5} max={480} step={5} value={duration} onChange={(e) => onDuration(e.target.value)} required />
          </FormField>
        )}
      </div>
    </fieldset>
  );
}
