"use client";

import { useState } from "react";
import { rescheduleAppointmentAction } from "@/actions/appointments/reschedule-appointment";
import type { FreeSlotsResult } from "@/lib/calendar/free-slots";
import { Button } from "@/components/ui/button";
import { WhenFields } from "@/components/calendar/when-fields";
import { useWhenForm, WhenOutcome } from "@/components/calendar/when-form";

export function RescheduleForm(props: {
  slug: string;
  appointmentId: string;
  query: Record<string, string>;
  date: string;
  time: string;
  durationMinutes: number;
  zoneLabel: string;
  slots: Promise<FreeSlotsResult> | null;
  /** "GoHighLevel" or "Cal.com": where the move is made. */
  provider?: string;
}) {
  const provider = props.provider ?? "GoHighLevel";
  const { slug, appointmentId, date } = props;
  const [saved, setSaved] = useState(false);
  const form = useWhenForm({
    time: props.time,
    durationMinutes: props.durationMinutes,
    send: (when) => {
      setSaved(false);
      return rescheduleAppointmentAction(slug, { appointmentId, date, ...when });
    },
    onSuccess: () => setSaved(true),
  });
  const move = form.action;
  return (
    <form
      noValidate
      aria-label="Reschedule"
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        form.submit(false);
      }}
    >
      <WhenFields
        idPrefix="move"
        query={props.query}
        date={date}
        zoneLabel={props.zoneLabel}
        slots={props.slots}
        {...form.fields}
        source={provider}
        fixedDuration={provider === "Cal.com"}
      />
      <WhenOutcome form={form} idPrefix="move" confirmLabel="Move anyway" />
      {saved && !move.pending && (
        <p role="status" className="text-sm text-success">
          Rescheduled in {provider}.
        </p>
      )}
      <div>
        <Button type="submit" variant="secondary" disabled={move.pending}>
          {move.pending ? `Saving in ${provider}…` : "Reschedule"}
        </Button>
      </div>
    </form>
  );
}
