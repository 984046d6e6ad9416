"use server";

import { orgAction } from "@/lib/entry/action";
import { rescheduleAppointmentForMember } from "@/lib/calendar/appointments";
import { ZRescheduleAppointmentInput } from "@/lib/calendar/schemas";

export const rescheduleAppointmentAction = orgAction({
  name: "appointments.reschedule",
  permission: "calendar.write",
  input: ZRescheduleAppointmentInput,
  run: (input, ctx) => rescheduleAppointmentForMember(ctx, input),
  audit: (input, data) => ({ targetType: "appointment", targetId: input.appointmentId, metadata: { startTime: data.startTime, allowConflict: input.allowConflict, overrideReason: input.overrideReason ?? null } }),
});
