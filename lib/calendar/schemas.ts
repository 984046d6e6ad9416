import { z } from "zod";
import { isDateKey } from "@/lib/calendar/views";

const ZId = z.string().trim().min(1, "is required").max(64, "is too long");

/** A date on the clinic's calendar; the clinic's time zone turns it into an instant. */
export const ZLocalDate = z.string().trim().refine(isDateKey, "Enter a date");
/** A wall-clock time at the clinic, 24-hour "HH:MM" as <input type="time"> sends it. */
export const ZLocalTime = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a time");
/** IV sessions run 15 minutes to a few hours; anything past 8 hours is a typo. */
export const ZDurationMinutes = z.coerce
  .number("Enter a length in minutes")
  .int("Enter whole minutes")
  .min(5, "An appointment lasts at least 5 minutes")
  .max(480, "An appointment lasts at most 8 hours");

const when = {
  date: ZLocalDate,
  time: ZLocalTime,
  durationMinutes: ZDurationMinutes,
  /** The person saw the overlap warning and books anyway; GHL still decides. */
  allowConflict: z.boolean().default(false),
  /** Why a time already taken in the other calendar (GHL or Cal.com) is booked anyway; audited. */
  overrideReason: z.string().trim().max(300, "Keep the reason under 300 characters").optional(),
};

export const ZBookAppointmentInput = z.object({
  locationId: z.string().trim().min(1, "Choose a clinic").max(64),
  calendarId: z.string().trim().min(1, "Choose a calendar").max(64),
  contactId: z.string().trim().min(1, "Choose a patient").max(64),
  title: z.string().trim().max(120, "Keep the title under 120 characters").optional(),
  notes: z.string().trim().max(2000, "Keep notes under 2000 characters").optional(),
  ...when,
});

export const ZRescheduleAppointmentInput = z.object({ appointmentId: ZId, ...when });

export const ZAppointmentInput = z.object({ appointmentId: ZId });

/**
 * What the front desk may set: check-in, no-show, and back again (undo). Cancelling is its
 * own action with its own permission.
 */
export const DESK_STATUSES = ["new", "confirmed", "showed", "noshow"] as const;
export type DeskStatus = (typeof DESK_STATUSES)[number];

export const ZSetAppointmentStatusInput = z.object({
  appointmentId: ZId,
  status: z.enum(DESK_STATUSES, "Choose a status"),
});

export type TBookAppointmentInput = z.input<typeof ZBookAppointmentInput>;
export type TRescheduleAppointmentInput = z.input<typeof ZRescheduleAppointmentInput>;
export type TSetAppointmentStatusInput = z.input<typeof ZSetAppointmentStatusInput>;
