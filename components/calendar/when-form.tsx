"use client";

import { useState } from "react";
import { FormError } from "@/components/shared/form-field";
import { useAction, type ActionResult } from "@/components/shared/use-action";
import { ConflictWarning } from "@/components/calendar/conflict-warning";
import { DoubleBookingOverride } from "@/components/calendar/double-booking-override";

/** What every form that picks a time sends besides its own fields. */
export interface WhenInput {
  time: string;
  durationMinutes: number;
  /** The person saw the overlap warning (or the double booking) and goes ahead. */
  allowConflict: boolean;
  overrideReason?: string;
}

/**
 * The state of a form that picks a time (booking, Cal.com booking, rescheduling): the time and
 * length, the submit that a warning's "anyway" repeats with `allowConflict`, and the server's
 * overlap warning or double-booking refusal, which replace the time field's own error.
 */
export function useWhenForm<T>({
  time: initialTime = "",
  durationMinutes,
  send,
  onSuccess,
}: {
  time?: string;
  durationMinutes: number;
  /** The form's action, called with the time. */
  send: (when: WhenInput) => Promise<ActionResult<T>>;
  onSuccess?: (data: T) => void;
}) {
  const [time, setTime] = useState(initialTime);
  const [duration, setDuration] = useState(String(durationMinutes));
  const action = useAction(send, { onSuccess });
  const failure = action.result && !action.result.ok ? action.result : null;
  const conflict = failure?.code === "conflict" ? failure.error : undefined;
  const doubleBooking = failure?.code === "double_booking" ? failure.error : undefined;
  const submit = (allowConflict: boolean, overrideReason?: string) =>
    void action.run({ time, durationMinutes: Number(duration), allowConflict, ...(overrideReason ? { overrideReason } : {}) });
  return {
    action,
    submit,
    conflict,
    doubleBooking,
    /** The props WhenFields takes from this state. */
    fields: {
      time,
      onTime: (value: string) => {
        setTime(value);
        action.reset();
      },
      duration,
      onDuration: setDuration,
      fieldError: (name: string) => (name === "time" && (conflict || doubleBooking) ? undefined : action.fieldError(name)),
    },
  };
}

/** Above the submit button: the double-booking refusal, the overlap warning, or the form's error. */
export function WhenOutcome<T>({ form, idPrefix, confirmLabel = "Book anyway", error }: { form: ReturnType<typeof useWhenForm<T>>; idPrefix: string; confirmLabel?: string; error?: string }) {
  const { doubleBooking, conflict, submit, action } = form;
  if (doubleBooking) return <DoubleBookingOverride idPrefix={idPrefix} message={doubleBooking} confirmLabel={confirmLabel} onConfirm={(reason) => submit(true, reason)} pending={action.pending} />;
  if (conflict) return <ConflictWarning message={conflict} confirmLabel={confirmLabel} onConfirm={() => submit(true)} pending={action.pending} />;
  return <FormError message={error ?? action.formError} />;
}
