"use server";

import "server-only";
import { orgAction } from "@/lib/entry/action";
import { mapEventType, ZMapEventTypeInput } from "@/lib/calcom/connection";

export const mapEventTypeAction = orgAction({
  name: "calcom.map-event-type",
  permission: "integrations.manage",
  input: ZMapEventTypeInput,
  run: (input, ctx) => mapEventType(ctx.db, input),
  audit: (input, data) => ({ targetType: "calcom_event_type", targetId: String(input.eventTypeId), metadata: { locationId: data.locationId, ghlCalendarId: data.ghlCalendarId } }),
});
