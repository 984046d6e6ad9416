"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { bookCalcomAppointmentAction } from "@/actions/calcom/book-calcom-appointment";
import type { FreeSlotsResult } from "@/lib/calendar/free-slots";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";
import { DoubleBookingOverride } from "@/components/calendar/double-booking-override";
import { WhenFields } from "@/components/calendar/when-fields";

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
  const [time, setTime] = useState("");
  const book = useAction((input: Parameters<typeof bookCalcomAppointmentAction>[1]) => bookCalcomAppointmentAction(slug, input), {
    onSuccess: (data) => router.push(`/agency/${slug}/admin/calendar/appointments/${data.appointmentId}?booked=1`),
  });
  const submit = (overrideReason?: string) => void book.run({ locationId, eventTypeId, contactId, date, time, ...(overrideReason ? { overrideReason } : {}) });
  const doubleBooking = book.result && !book.result.ok && book.result.code === "double_booking" ? book.result.error : undefined;
  const pickerError = book.fieldError("contactId") ?? book.fieldError("eventTypeId") ?? book.fieldError("locationId");

  return (
    <form
      noValidate
      aria-label="Book through Cal.com"
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
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
        time={time}
        onTime={(value) => {
          setTime(value);
          book.reset();
        }}
        duration={String(props.lengthInMinutes)}
        onDuration={() => undefined}
        fieldError={(name) => (name === "time" && doubleBooking ? undefined : book.fieldError(name))}
      />
      {doubleBooking ? (
        <DoubleBookingOverride idPrefix="calcom" message={doubleBooking} onConfirm={(reason) => submit(reason)} pending={book.pending} />
      ) : (
        <FormError message={pickerError ?? book.formError} />
      )}
      <div>
        <Button type="submit" size="lg" disabled={book.pending}>
          {book.pending ? "Booking in Cal.com…" : "Book in Cal.com"}
        </Button>
      </div>
    </form>
  );
}
