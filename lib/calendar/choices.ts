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

export type AppointmentChange = keyof AppointmentChoices;

/**
 * Why `change` is not offered for this appointment now, in words for the person who asked, or
 * null when it is. The server actions refuse with this message, so a page left open (or a
 * crafted request) cannot do what the page would no longer offer.
 */
export function appointmentRefusal(
  appointment: { status: string; startTime: Date; endTime: Date },
  change: AppointmentChange,
  now: Date,
): string | null {
  const choices = appointmentChoices(appointment, now);
  if (choices[change]) return null;
  const { status } = appointment;
  if (status === "cancelled") return "This appointment is cancelled.";
  const marked = status === "showed" || status === "noshow";
  const markedAs = status === "showed" ? "checked in" : "marked as a no-show";
  if (marked && now.getTime() > appointment.endTime.getTime() + UNDO_WINDOW_MS) {
    return `This visit ended more than 12 hours ago and was ${markedAs}; that is part of the record now.`;
  }
  switch (change) {
    case "checkIn":
      return status === "showed" ? "This patient is already checked in." : "Check-in opens 2 hours before the appointment starts.";
    case "noShow":
      return status === "noshow" ? "This appointment is already marked as a no-show." : "An appointment can be marked as a no-show once it has started.";
    case "undo":
      return "There is no check-in or no-show to undo on this appointment.";
    case "cancel":
      return marked ? `This visit was ${markedAs}; undo that before cancelling.` : "This appointment has already started; mark it as a no-show instead of cancelling.";
    case "reschedule":
      return marked ? `This visit was ${markedAs}; undo that before moving it.` : "This appointment has already started and can no longer be moved; book a new one instead.";
  }
}

/** The change a desk status stands for, from the appointment's current status; null for confirming an unmarked one. */
export function changeForStatus(current: string, next: string): AppointmentChange | null {
  if (next === "showed") return "checkIn";
  if (next === "noshow") return "noShow";
  if (current === "showed" || current === "noshow") return "undo";
  return null;
}
