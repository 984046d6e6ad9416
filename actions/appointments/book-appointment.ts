"use server";

import { orgAction } from "@/lib/entry/action";
import { bookAppointmentForMember } from "@/lib/calendar/appointments";
import { ZBookAppointmentInput } from "@/lib/calendar/schemas";

export const bookAppointmentAction = orgAction({
  name: "appointments.book",
  permission: "calendar.write",
  input: ZBookAppointmentInput,
  run: (input, ctx) => bookAppointmentForMember(ctx, input),
  audit: (input, data) => ({ targetType: "appointment", targetId: data.appointmentId, metadata: { locationId: input.locationId, allowConflict: input.allowConflict, overrideReason: input.overrideReason ?? null } }),
});
