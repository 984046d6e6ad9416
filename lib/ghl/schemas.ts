import { z } from "zod";

/**
 * GHL API v2 responses, parsed before use. Only the fields Sidecar reads are declared; GHL adds
 * fields freely, so unknown keys are ignored rather than refused.
 */

const optionalText = z.string().nullish().transform((v) => v ?? undefined);
/** GHL sends ISO strings with an offset (calendars) or Z (contacts). */
const instant = z.string().transform((value, ctx) => {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: "custom", message: `not a date: ${value}` });
    return z.NEVER;
  }
  return new Date(ms);
});

export const ZTokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().default(""),
  userType: z.enum(["Company", "Location"]).optional(),
  companyId: z.string().optional(),
  locationId: z.string().optional(),
  userId: z.string().optional(),
});
export type GhlTokenResponse = z.output<typeof ZTokenResponse>;

export const ZCustomField = z.object({ id: z.string(), value: z.unknown() });

export const ZContact = z.object({
  id: z.string().min(1),
  locationId: z.string().min(1),
  firstName: optionalText,
  lastName: optionalText,
  email: optionalText,
  phone: optionalText,
  source: optionalText,
  tags: z.array(z.string()).default([]),
  customFields: z.array(ZCustomField).default([]),
  dateAdded: instant.optional(),
  dateUpdated: instant.optional(),
  /** Do-not-disturb: `dnd` for every channel, `dndSettings` per channel (reference §1.4). */
  dnd: z.boolean().nullish().transform((v) => v ?? undefined),
  dndSettings: z.record(z.string(), z.object({ status: z.string().optional() }).passthrough().nullish()).nullish().transform((v) => v ?? undefined),
});
export type GhlContact = z.output<typeof ZContact>;

/** A contact from POST /contacts/search, with the cursor to continue after it. */
export const ZSearchContact = ZContact.extend({
  // Where GHL puts the next searchAfter is unconfirmed (reference §1.4); each hit carrying its
  // own [sortValue, id] is what the documentation's mirror describes.
  searchAfter: z.array(z.union([z.string(), z.number()])).optional(),
});

export const ZContactSearchResponse = z.object({
  contacts: z.array(ZSearchContact),
  total: z.number().int().nonnegative().optional(),
});

export const ZContactResponse = z.object({ contact: ZContact });
export const ZUpsertContactResponse = z.object({ new: z.boolean().optional(), contact: ZContact });

export const ZCalendar = z.object({
  id: z.string().min(1),
  locationId: z.string().min(1),
  name: z.string(),
  isActive: z.boolean().default(true),
  slotDuration: z.number().optional(),
});
export const ZCalendarsResponse = z.object({ calendars: z.array(ZCalendar) });

export const APPOINTMENT_STATUSES = ["new", "confirmed", "cancelled", "showed", "noshow", "invalid"] as const;

/** POST /calendars/appointments/{id}/notes */
export const ZNoteResponse = z.object({ note: z.object({ id: z.string() }).passthrough().optional() }).passthrough();

export const ZCalendarEvent = z.object({
  id: z.string().min(1),
  calendarId: z.string().min(1),
  locationId: z.string().min(1),
  contactId: optionalText,
  title: optionalText,
  appointmentStatus: z.enum(APPOINTMENT_STATUSES).catch("new"),
  assignedUserId: optionalText,
  notes: optionalText,
  startTime: instant,
  endTime: instant,
  /** When it was booked: the no-show model's lead time. */
  dateAdded: instant.optional(),
  dateUpdated: instant.optional(),
});
export type GhlCalendarEvent = z.output<typeof ZCalendarEvent>;
export const ZEventsResponse = z.object({ events: z.array(ZCalendarEvent) });
export const ZEventResponse = z.object({ event: ZCalendarEvent });

/** Create/update appointment answers carry no dateUpdated (reference §1.4). */
export const ZAppointmentResponse = ZCalendarEvent.omit({ dateUpdated: true });

export const ZFreeSlotsResponse = z.record(z.string(), z.unknown()).transform((days) => {
  const slots: string[] = [];
  for (const [day, value] of Object.entries(days)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) continue;
    const parsed = z.object({ slots: z.array(z.string()) }).safeParse(value);
    if (parsed.success) slots.push(...parsed.data.slots);
  }
  return slots;
});

export const ZLocation = z.object({
  id: z.string().min(1),
  name: z.string(),
  address: optionalText,
  city: optionalText,
  state: optionalText,
  postalCode: optionalText,
  phone: optionalText,
  timezone: z.string().default("UTC"),
});
export type GhlLocation = z.output<typeof ZLocation>;
export const ZLocationSearchResponse = z.object({ locations: z.array(ZLocation) });
export const ZLocationResponse = z.object({ location: ZLocation });

/** GET /oauth/installedLocations: `_id`, not `id` (reference §1.2). */
export const ZInstalledLocation = z.object({
  _id: z.string().min(1),
  name: z.string().default(""),
  address: optionalText,
  isInstalled: z.boolean().optional(),
});
export type GhlInstalledLocation = z.output<typeof ZInstalledLocation>;
export const ZInstalledLocationsResponse = z.object({ locations: z.array(ZInstalledLocation), count: z.number().optional() });

export const ZDeleteResponse = z.object({}).passthrough();

/** POST /conversations/messages (reference §1.4). */
export const ZSendMessageResponse = z.object({
  conversationId: z.string().optional(),
  messageId: z.string().min(1),
  messageIds: z.array(z.string()).optional(),
  msg: z.string().optional(),
});
