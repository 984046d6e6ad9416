"use server";

import { orgAction } from "@/lib/entry/action";
import { cancelAppointmentForMember } from "@/lib/calendar/appointments";
import { ZAppointmentInput } from "@/lib/calendar/schemas";

export const cancelAppointmentAction = orgAction({
  name: "appointments.cancel",
  permission: "calendar.write",
  input: ZAppointmentInput,
  run: ({ appointmentId }, ctx) => cancelAppointmentForMember(ctx, appointmentId),
  audit: ({ appointmentId }) => ({ targetType: "appointment", targetId: appointmentId }),
});
