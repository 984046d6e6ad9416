"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { bookAppointmentAction } from "@/actions/appointments/book-appointment";
import type { FreeSlotsResult } from "@/lib/calendar/free-slots";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/shared/form-field";
import { WhenFields } from "@/components/calendar/when-fields";
import { useWhenForm, WhenOutcome } from "@/components/calendar/when-form";

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
  const [title, setTitle] = useState("");
  const [notes, setNotes] = useState("");
  const form = useWhenForm({
    durationMinutes: props.defaultDuration,
    send: (when) => bookAppointmentAction(slug, { locationId, calendarId, contactId, date, title, notes, ...when }),
    onSuccess: (data) => router.push(`/agency/${slug}/admin/calendar/appointments/${data.appointmentId}?booked=1`),
  });
  const book = form.action;
  // Choices made above the form (clinic, calendar, patient) have no field here to sit beside.
  const pickerError = book.fieldError("contactId") ?? book.fieldError("calendarId") ?? book.fieldError("locationId");

  return (
    <form
      noValidate
      aria-label="Book appointment"
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        form.submit(false);
      }}
    >
      <WhenFields idPrefix="book" query={props.query} date={date} zoneLabel={props.zoneLabel} slots={props.slots} {...form.fields} />
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
      <WhenOutcome form={form} idPrefix="book" error={pickerError} />
      <div>
        <Button type="submit" size="lg" disabled={book.pending}>
          {book.pending ? "Booking in GoHighLevel…" : "Book appointment"}
        </Button>
      </div>
    </form>
  );
}
