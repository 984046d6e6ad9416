/**
 * What a person may do with an appointment, from its status and the time: the appointment
 * page offers only these. Safe in client components.
 */

/** A patient who arrives early can be checked in this long before the start. */
export const CHECK_IN_EARLY_MS = 2 * 60 * 60_000;
/** A check-in or no-show marked by mistake can be undone until this long after the end. */
export const UNDO_WINDOW_MS = 12 * 60 * 60_000;

export interface AppointmentChoices {
  checkIn: boolean;
  noShow: boolean;
  /** Back to confirmed: undoes a check-in or a no-show. */
  undo: boolean;
  cancel: boolean;
  reschedule: boolean;
}

const NONE: AppointmentChoices = { checkIn: false, noShow: false, undo: false, cancel: false, reschedule: false };

export function appointmentChoices(appointment: { status: string; startTime: Date; endTime: Date }, now: Date): AppointmentChoices {
  const { status } = appointment;
  if (status === "cancelled") return NONE;
  const start = appointment.startTime.getTime();
  const end = appointment.endTime.getTime();
  const t = now.getTime();
  const marked = status === "showed" || status === "noshow";
  // Past the undo window a check-in or no-show is part of the record: nothing changes it here.
  const correctable = !marked || t <= end + UNDO_WINDOW_MS;
  const notStarted = t < start;
  return {
    checkIn: correctable && status !== "showed" && t >= start - CHECK_IN_EARLY_MS,
    noShow: correctable && status !== "noshow" && !notStarted,
    undo: marked && correctable,
    cancel: notStarted && !marked,
    reschedule: notStarted && !marked,
  };
}

export function hasAnyChoice(choices: AppointmentChoices): boolean {
  return Object.values(choices).some(Boolean);
}
