"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { bookAppointmentAction } from "@/actions/appointments/book-appointment";
import type { FreeSlotsResult } from "@/lib/calendar/free-slots";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormError, FormField } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";
import { ConflictWarning } from "@/components/calendar/conflict-warning";
import { WhenFields } from "@/components/calendar/when-fields";
import { DoubleBookingOverride } from "@/components/calendar/double-booking-override";

export function BookingForm(props: {
  slug: string;
  query: Record<string, string>;
  locationId: string;
  calendarId: string;
  contactId: string;
  date: string;
  zoneLabel: string;
  defaultDuration: number;
  slots: Promise<FreeSlotsResult> | null;
}) {
  const { slug, locationId, calendarId, contactId, date } = props;
  const router = useRouter();
  const [time, setTime] = useState("");
  const [duration, setDuration] = useState(String(props.defaultDuration));
  const [title, setTitle] = useState("");
  const [notes, setNotes] = useState("");
  const book = useAction((input: Parameters<typeof bookAppointmentAction>[1]) => bookAppointmentAction(slug, input), {
    onSuccess: (data) => router.push(`/agency/${slug}/admin/calendar/appointments/${data.appointmentId}?booked=1`),
  });
  const submit = (allowConflict: boolean, overrideReason?: string) =>
    void book.run({ locationId, calendarId, contactId, date, time, durationMinutes: Number(duration), title, notes, allowConflict, ...(overrideReason ? { overrideReason } : {}) });
  const conflict = book.result && !book.result.ok && book.result.code === "conflict" ? book.result.error : undefined;
  const doubleBooking = book.result && !book.result.ok && book.result.code === "double_booking" ? book.result.error : undefined;
  // Choices made above the form (clinic, calendar, patient) have no field here to sit beside.
  const pickerError = book.fieldError("contactId") ?? book.fieldError("calendarId") ?? book.fieldError("locationId");

  return (
    <form
      noValidate
      aria-label="Book appointment"
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
    >
      <WhenFields
        idPrefix="book"
        query={props.query}
        date={date}
        zoneLabel={props.zoneLabel}
        slots={props.slots}
        time={time}
        onTime={(value) => {
          setTime(value);
          book.reset();
        }}
        duration={duration}
        onDuration={setDuration}
        fieldError={(name) => (name === "time" && (conflict || doubleBooking) ? undefined : book.fieldError(name))}
      />
      <FormField id="book-title" label="Treatment (optional)" error={book.fieldError("title")}>
        <Input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Myers' Cocktail" maxLength={120} />
      </FormField>
      <FormField id="book-notes" label="Notes (optional)" error={book.fieldError("notes")}>
        <textarea
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          rows={3}
          maxLength={2000}
          className="w-full rounded-md border border-input bg-card px-3 py-2 text-base focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring md:text-sm"
        />
      </FormField>
      {doubleBooking ? (
        <DoubleBookingOverride idPrefix="book" message={doubleBooking} onConfirm={(reason) => submit(true, reason)} pending={book.pending} />
      ) : conflict ? (
        <ConflictWarning message={conflict} confirmLabel="Book anyway" onConfirm={() => submit(true)} pending={book.pending} />
      ) : (
        <FormError message={pickerError ?? book.formError} />
      )}
      <div>
        <Button type="submit" size="lg" disabled={book.pending}>
          {book.pending ? "Booking in GoHighLevel…" : "Book appointment"}
        </Button>
      </div>
    </form>
  );
}
