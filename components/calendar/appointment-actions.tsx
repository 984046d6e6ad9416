"use client";

import { useState } from "react";
import { CalendarX, UserCheck, UserX } from "lucide-react";
import { cancelAppointmentAction } from "@/actions/appointments/cancel-appointment";
import { setAppointmentStatusAction } from "@/actions/appointments/set-appointment-status";
import type { AppointmentChoices } from "@/lib/calendar/choices";
import type { DeskStatus } from "@/lib/calendar/schemas";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/shared/confirm-button";
import { FormError } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";

const DONE: Record<string, string> = { showed: "Checked in.", noshow: "Marked as no-show.", cancelled: "Cancelled in GoHighLevel." };

const UNDO_LABELS: Record<string, string> = { showed: "Undo check-in", noshow: "Undo no-show" };

/** Check-in, no-show and cancel on the appointment page, as `choices` allow; each goes to GHL first. */
export function AppointmentActions({
  slug,
  appointmentId,
  status,
  patient,
  choices,
}: {
  slug: string;
  appointmentId: string;
  status: string;
  patient: string;
  choices: AppointmentChoices;
}) {
  const [done, setDone] = useState<string>();
  const mark = useAction((input: { appointmentId: string; status: DeskStatus }) => setAppointmentStatusAction(slug, input), {
    onSuccess: (data) => setDone(DONE[data.status]),
  });
  const cancel = useAction((input: { appointmentId: string }) => cancelAppointmentAction(slug, input), {
    onSuccess: () => setDone(DONE.cancelled),
  });
  const pending = mark.pending || cancel.pending;
  if (status === "cancelled") return done ? <p role="status" className="text-sm text-success">{done}</p> : null;
  if (!done && !Object.values(choices).some(Boolean)) {
    return <p className="text-sm text-muted-foreground">This appointment is settled; nothing more to do here.</p>;
  }
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        {choices.checkIn && (
          <Button onClick={() => void mark.run({ appointmentId, status: "showed" })} disabled={pending}>
            <UserCheck aria-hidden="true" /> Mark showed
          </Button>
        )}
        {choices.noShow && (
          <Button variant="outline" onClick={() => void mark.run({ appointmentId, status: "noshow" })} disabled={pending}>
            <UserX aria-hidden="true" /> Mark no-show
          </Button>
        )}
        {choices.undo && (
          <Button variant="ghost" onClick={() => void mark.run({ appointmentId, status: "confirmed" })} disabled={pending}>
            {UNDO_LABELS[status] ?? "Reset to confirmed"}
          </Button>
        )}
        {choices.cancel && (
          <ConfirmButton
            title="Cancel this appointment?"
            description={`${patient}'s appointment is cancelled in GoHighLevel, which may notify them. This cannot be undone here; book again if needed.`}
            confirmLabel="Cancel appointment"
            onConfirm={() => cancel.run({ appointmentId })}
            pending={pending}
            variant="destructive"
            size="default"
          >
            <CalendarX aria-hidden="true" /> Cancel appointment
          </ConfirmButton>
        )}
      </div>
      {pending && (
        <p role="status" className="text-sm text-muted-foreground">
          Saving in GoHighLevel…
        </p>
      )}
      {!pending && done && (
        <p role="status" className="text-sm text-success">
          {done}
        </p>
      )}
      <FormError message={mark.formError ?? cancel.formError} />
    </div>
  );
}
