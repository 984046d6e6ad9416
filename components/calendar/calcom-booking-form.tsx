"use client";

import { useRouter } from "next/navigation";
import { bookCalcomAppointmentAction } from "@/actions/calcom/book-calcom-appointment";
import type { FreeSlotsResult } from "@/lib/calendar/free-slots";
import { Button } from "@/components/ui/button";
import { WhenFields } from "@/components/calendar/when-fields";
import { useWhenForm, WhenOutcome } from "@/components/calendar/when-form";

/** Booking through a clinic's Cal.com event type: Cal.com's free times, Cal.com's booking. */
export function CalcomBookingForm(props: {
  slug: string;
  query: Record<string, string>;
  locationId: string;
  eventTypeId: number;
  contactId: string;
  date: string;
  zoneLabel: string;
  lengthInMinutes: number;
  slots: Promise<FreeSlotsResult> | null;
}) {
  const { slug, locationId, eventTypeId, contactId, date } = props;
  const router = useRouter();
  const form = useWhenForm({
    durationMinutes: props.lengthInMinutes,
    // The event type sets the length, and Cal.com has no overlap warning to confirm: only the time and a double-booking reason go.
    send: ({ time, overrideReason }) => bookCalcomAppointmentAction(slug, { locationId, eventTypeId, contactId, date, time, ...(overrideReason ? { overrideReason } : {}) }),
    onSuccess: (data) => router.push(`/agency/${slug}/admin/calendar/appointments/${data.appointmentId}?booked=1`),
  });
  const book = form.action;
  const pickerError = book.fieldError("contactId") ?? book.fieldError("eventTypeId") ?? book.fieldError("locationId");

  return (
    <form
      noValidate
      aria-label="Book through Cal.com"
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        form.submit(false);
      }}
    >
      <WhenFields
        idPrefix="calcom"
        source="Cal.com"
        fixedDuration
        query={props.query}
        date={date}
        zoneLabel={props.zoneLabel}
        slots={props.slots}
        {...form.fields}
        duration={String(props.lengthInMinutes)}
      />
      <WhenOutcome form={form} idPrefix="calcom" error={pickerError} />
      <div>
        <Button type="submit" size="lg" disabled={book.pending}>
          {book.pending ? "Booking in Cal.com…" : "Book in Cal.com"}
        </Button>
      </div>
    </form>
  );
}
