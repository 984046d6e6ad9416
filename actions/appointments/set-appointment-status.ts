"use server";

import { orgAction } from "@/lib/entry/action";
import { setAppointmentStatusForMember } from "@/lib/calendar/appointments";
import { ZSetAppointmentStatusInput } from "@/lib/calendar/schemas";

export const setAppointmentStatusAction = orgAction({
  name: "appointments.set-status",
  permission: "appointments.checkin",
  input: ZSetAppointmentStatusInput,
  run: (input, ctx) => setAppointmentStatusForMember(ctx, input),
  audit: (input, data) => ({ targetType: "appointment", targetId: input.appointmentId, metadata: { status: input.status, previousStatus: data.previousStatus } }),
});
