"use client";

import { useState } from "react";
import { rescheduleAppointmentAction } from "@/actions/appointments/reschedule-appointment";
import type { FreeSlotsResult } from "@/lib/calendar/free-slots";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";
import { ConflictWarning } from "@/components/calendar/conflict-warning";
import { WhenFields } from "@/components/calendar/when-fields";
import { DoubleBookingOverride } from "@/components/calendar/double-booking-override";

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
  const [time, setTime] = useState(props.time);
  const [duration, setDuration] = useState(String(props.durationMinutes));
  const [saved, setSaved] = useState(false);
  const move = useAction((input: Parameters<typeof rescheduleAppointmentAction>[1]) => rescheduleAppointmentAction(slug, input), {
    onSuccess: () => setSaved(true),
  });
  const submit = (allowConflict: boolean, overrideReason?: string) => {
    setSaved(false);
    void move.run({ appointmentId, date, time, durationMinutes: Number(duration), allowConflict, ...(overrideReason ? { overrideReason } : {}) });
  };
  const conflict = move.result && !move.result.ok && move.result.code === "conflict" ? move.result.error : undefined;
  const doubleBooking = move.result && !move.result.ok && move.result.code === "double_booking" ? move.result.error : undefined;
  return (
    <form
      noValidate
      aria-label="Reschedule"
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
    >
      <WhenFields
        idPrefix="move"
        query={props.query}
        date={date}
        zoneLabel={props.zoneLabel}
        slots={props.slots}
        time={time}
        onTime={(value) => {
          setTime(value);
          move.reset();
        }}
        duration={duration}
        onDuration={setDuration}
        fieldError={(name) => (name === "time" && (conflict || doubleBooking) ? undefined : move.fieldError(name))}
        source={provider}
        fixedDuration={provider === "Cal.com"}
      />
      {doubleBooking ? (
        <DoubleBookingOverride idPrefix="move" message={doubleBooking} confirmLabel="Move anyway" onConfirm={(reason) => submit(true, reason)} pending={move.pending} />
      ) : conflict ? (
        <ConflictWarning message={conflict} confirmLabel="Move anyway" onConfirm={() => submit(true)} pending={move.pending} />
      ) : (
        <FormError message={move.formError} />
      )}
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
