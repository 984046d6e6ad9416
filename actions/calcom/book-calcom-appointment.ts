"use server";

import { orgAction } from "@/lib/entry/action";
import { bookCalcomForMember, ZBookCalcomInput } from "@/lib/calcom/scheduling";

export const bookCalcomAppointmentAction = orgAction({
  name: "appointments.book-calcom",
  permission: "calendar.write",
  input: ZBookCalcomInput,
  run: (input, ctx) => bookCalcomForMember(ctx, input),
  audit: (input, data) => ({
    targetType: "appointment",
    targetId: data.appointmentId,
    metadata: { locationId: input.locationId, eventTypeId: input.eventTypeId, overrideReason: input.overrideReason ?? null, doubleBookedWith: data.overlaps },
  }),
});
