import { z } from "zod";
import { authorizeLocation } from "../access";
import { tokenRoute, type AuthedContext, type Route, type TokenAccess } from "../context";
import { MAX_FREE_SLOT_RANGE_MS, computeFreeSlots, isFreeSlot } from "../free-slots";
import { badRequest, json, notFound, parseOr422, unprocessable } from "../http";
import { isValidTimeZone } from "../time";
import { API_VERSION, APPOINTMENT_STATUSES, type Appointment, type AppointmentNote, type Calendar, type Location } from "../types";
import { appointmentView, calendarView, eventView } from "../views";
import { appointmentEvent, type AppointmentEventType } from "../webhook-events";

const version = API_VERSION.calendars;
const CALENDARS_READ: TokenAccess = { version, tokens: ["Location"], scope: "calendars.readonly" };
const EVENTS_READ: TokenAccess = { version, tokens: ["Location"], scope: "calendars/events.readonly" };
const EVENTS_WRITE: TokenAccess = { version, tokens: ["Location"], scope: "calendars/events.write" };

const epochMs = z.string().regex(/^\d+$/, "must be epoch milliseconds");
// Body times must carry an offset or Z: a zone-less time means different instants on
// different servers, which is exactly the bug this should surface.
const isoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/, "must be an ISO 8601 date-time with an offset");

const appointmentFields = {
  calendarId: z.string().min(1),
  locationId: z.string().min(1),
  contactId: z.string().min(1),
  startTime: isoInstant,
  endTime: isoInstant.optional(),
  title: z.string().optional(),
  appointmentStatus: z.enum(APPOINTMENT_STATUSES).optional(),
  assignedUserId: z.string().optional(),
  address: z.string().optional(),
  meetingLocationType: z.string().optional(),
  ignoreDateRange: z.boolean().optional(),
  ignoreFreeSlotValidation: z.boolean().optional(),
  // No `notes`: notes have their own endpoint, and GHL refuses unknown properties
  // ("property notes should not exist"). toNotify:false suppresses GHL automations (gotcha §5.13).
  toNotify: z.boolean().optional(),
  rrule: z.string().optional(),
  description: z.string().optional(),
};
const ZCreateAppointment = z.strictObject(appointmentFields);
const ZUpdateAppointment = ZCreateAppointment.partial().extend({ masterEventId: z.string().optional() });
const ZNote = z.strictObject({ body: z.string().min(1), userId: z.string().optional() });

function locationOf(ctx: AuthedContext, locationId: string): Location {
  return authorizeLocation(ctx, locationId);
}

function loadAppointment(ctx: AuthedContext): { appointment: Appointment; location: Location } {
  const appointment = ctx.sandbox.store.getAppointment(ctx.params.eventId ?? "");
  if (!appointment) throw notFound("Appointment not found");
  return { appointment, location: locationOf(ctx, appointment.locationId) };
}

function calendarIn(ctx: AuthedContext, calendarId: string, location: Location): Calendar {
  const calendar = ctx.sandbox.store.getCalendar(calendarId);
  if (!calendar || calendar.locationId !== location.id) throw badRequest(`Calendar ${calendarId} not found in this location`);
  return calendar;
}

function requireContactIn(ctx: AuthedContext, contactId: string, location: Location): void {
  const contact = ctx.sandbox.store.getContact(contactId);
  if (!contact || contact.locationId !== location.id) throw badRequest(`Contact ${contactId} not found in this location`);
}

/**
 * GHL refuses a booking outside the calendar's free slots (open hours, minimum notice, a slot
 * already taken) unless the body sets ignoreFreeSlotValidation. The 400 and its text are what
 * GHL answers for a slot taken meanwhile.
 */
function requireFreeSlot(ctx: AuthedContext, calendar: Calendar, location: Location, start: number, end: number, excludeId?: string): void {
  const appointments = ctx.sandbox.store.appointmentsIn(calendar.locationId).filter((other) => other.id !== excludeId);
  const free = isFreeSlot({ calendar, appointments, locationTimezone: location.timezone, startMs: start, endMs: end, nowMs: ctx.sandbox.now() });
  if (!free) throw badRequest("The slot you have selected is no longer available.");
}

function emit(ctx: AuthedContext, type: AppointmentEventType, appointment: Appointment, location: Location): void {
  ctx.sandbox.emitWebhook(appointmentEvent(type, appointment, location.timezone, {}, ctx.sandbox.now()));
}

export const calendarRoutes: Route[] = [
  tokenRoute({
    method: "GET",
    path: "/calendars/",
    access: CALENDARS_READ,
    handle(ctx) {
      const query = parseOr422(z.object({ locationId: z.string().min(1), groupId: z.string().optional() }), Object.fromEntries(ctx.query));
      locationOf(ctx, query.locationId);
      const calendars = ctx.sandbox.store.calendarsIn(query.locationId).filter((calendar) => !query.groupId || calendar.groupId === query.groupId);
      return json(200, { calendars: calendars.map(calendarView) });
    },
  }),
  tokenRoute({
    method: "GET",
    path: "/calendars/events",
    access: EVENTS_READ,
    handle(ctx) {
      const query = parseOr422(
        z.object({ locationId: z.string().min(1), startTime: epochMs, endTime: epochMs, calendarId: z.string().optional(), userId: z.string().optional(), groupId: z.string().optional() }),
        Object.fromEntries(ctx.query),
      );
      if (!query.calendarId && !query.userId && !query.groupId) throw unprocessable(["one of calendarId, userId or groupId is required"]);
      const location = locationOf(ctx, query.locationId);
      const { store } = ctx.sandbox;
      const start = Number(query.startTime);
      const end = Number(query.endTime);
      const groupCalendars = new Set(query.groupId ? store.calendarsIn(location.id).filter((c) => c.groupId === query.groupId).map((c) => c.id) : []);
      // Overlap with the window, not "starts inside it": GHL's exact rule is unconfirmed, and
      // overlap is the one that never loses an appointment spanning the window's edge.
      const events = store
        .appointmentsIn(location.id)
        .filter((appointment) => appointment.startTime < end && appointment.endTime > start)
        .filter((appointment) => !query.calendarId || appointment.calendarId === query.calendarId)
        .filter((appointment) => !query.userId || appointment.assignedUserId === query.userId || appointment.users.includes(query.userId))
        .filter((appointment) => !query.groupId || groupCalendars.has(appointment.calendarId))
        .sort((a, b) => a.startTime - b.startTime || (a.id < b.id ? -1 : 1));
      return json(200, { events: events.map((appointment) => eventView(appointment, location.timezone)) });
    },
  }),
  tokenRoute({
    method: "GET",
    path: "/calendars/:calendarId",
    access: CALENDARS_READ,
    handle(ctx) {
      const calendar = ctx.sandbox.store.getCalendar(ctx.params.calendarId ?? "");
      if (!calendar) throw notFound("Calendar not found");
      locationOf(ctx, calendar.locationId);
      return json(200, { calendar: calendarView(calendar) });
    },
  }),
  tokenRoute({
    method: "GET",
    path: "/calendars/:calendarId/free-slots",
    access: CALENDARS_READ,
    handle(ctx) {
      const calendar = ctx.sandbox.store.getCalendar(ctx.params.calendarId ?? "");
      if (!calendar) throw notFound("Calendar not found");
      const location = locationOf(ctx, calendar.locationId);
      const query = parseOr422(z.object({ startDate: epochMs, endDate: epochMs, timezone: z.string().optional() }), Object.fromEntries(ctx.query));
      const startMs = Number(query.startDate);
      const endMs = Number(query.endDate);
      if (endMs < startMs) throw unprocessable(["endDate must not be before startDate"]);
      if (endMs - startMs > MAX_FREE_SLOT_RANGE_MS) throw unprocessable(["the range between startDate and endDate must not exceed 31 days"]);
      if (query.timezone && !isValidTimeZone(query.timezone)) throw unprocessable([`timezone ${query.timezone} is not a valid IANA time zone`]);
      // userId / userIds narrow by team member in GHL; the sandbox's calendars have one pool.
      return json(
        200,
        computeFreeSlots({
          calendar,
          appointments: ctx.sandbox.store.appointmentsIn(location.id),
          locationTimezone: location.timezone,
          outputTimezone: query.timezone ?? location.timezone,
          startMs,
          endMs,
          nowMs: ctx.sandbox.now(),
        }),
      );
    },
  }),
  tokenRoute({
    method: "POST",
    path: "/calendars/events/appointments",
    access: EVENTS_WRITE,
    handle(ctx) {
      const body = parseOr422(ZCreateAppointment, ctx.jsonBody());
      const location = locationOf(ctx, body.locationId);
      const calendar = calendarIn(ctx, body.calendarId, location);
      requireContactIn(ctx, body.contactId, location);
      const startTime = Date.parse(body.startTime);
      const endTime = body.endTime ? Date.parse(body.endTime) : startTime + calendar.slotDuration * 60_000;
      if (endTime <= startTime) throw unprocessable(["endTime must be after startTime"]);
      if (!body.ignoreFreeSlotValidation) requireFreeSlot(ctx, calendar, location, startTime, endTime);
      const appointment = ctx.sandbox.store.createAppointment({
        locationId: location.id,
        calendarId: calendar.id,
        contactId: body.contactId,
        title: body.title,
        // GHL's default status for API-created appointments is unconfirmed; "new" it is.
        appointmentStatus: body.appointmentStatus ?? "new",
        assignedUserId: body.assignedUserId,
        address: body.address,
        description: body.description,
        meetingLocationType: body.meetingLocationType,
        rrule: body.rrule,
        groupId: calendar.groupId,
        source: "third_party",
        startTime,
        endTime,
      });
      emit(ctx, "AppointmentCreate", appointment, location);
      return json(200, appointmentView(appointment, location.timezone));
    },
  }),
  tokenRoute({
    method: "GET",
    path: "/calendars/events/appointments/:eventId",
    access: EVENTS_READ,
    handle(ctx) {
      const { appointment, location } = loadAppointment(ctx);
      return json(200, { event: eventView(appointment, location.timezone) });
    },
  }),
  tokenRoute({
    method: "PUT",
    path: "/calendars/events/appointments/:eventId",
    access: EVENTS_WRITE,
    handle(ctx) {
      const { appointment, location } = loadAppointment(ctx);
      const body = parseOr422(ZUpdateAppointment, ctx.jsonBody());
      if (body.locationId && body.locationId !== location.id) throw badRequest("locationId does not match the appointment's location");
      const calendar = calendarIn(ctx, body.calendarId ?? appointment.calendarId, location);
      if (body.contactId) requireContactIn(ctx, body.contactId, location);
      const startTime = body.startTime ? Date.parse(body.startTime) : appointment.startTime;
      const endTime = body.endTime ? Date.parse(body.endTime) : startTime + (appointment.endTime - appointment.startTime);
      if (endTime <= startTime) throw unprocessable(["endTime must be after startTime"]);
      const isMoving = startTime !== appointment.startTime || endTime !== appointment.endTime || calendar.id !== appointment.calendarId;
      if (isMoving && !body.ignoreFreeSlotValidation) requireFreeSlot(ctx, calendar, location, startTime, endTime, appointment.id);
      const updated = ctx.sandbox.store.updateAppointment(appointment.id, {
        calendarId: calendar.id,
        contactId: body.contactId,
        title: body.title,
        appointmentStatus: body.appointmentStatus,
        assignedUserId: body.assignedUserId,
        address: body.address,
        description: body.description,
        meetingLocationType: body.meetingLocationType,
        rrule: body.rrule,
        startTime,
        endTime,
      });
      emit(ctx, "AppointmentUpdate", updated, location);
      return json(200, appointmentView(updated, location.timezone));
    },
  }),
  tokenRoute({
    method: "DELETE",
    path: "/calendars/events/:eventId",
    access: EVENTS_WRITE,
    handle(ctx) {
      const { appointment, location } = loadAppointment(ctx);
      ctx.sandbox.store.deleteAppointment(appointment.id);
      emit(ctx, "AppointmentDelete", appointment, location);
      // 201 and "succeeded" (spelt right, unlike contacts' "succeded"): both as GHL (gotcha §5.8).
      return json(201, { succeeded: true });
    },
  }),
  tokenRoute({
    method: "POST",
    path: "/calendars/appointments/:appointmentId/notes",
    access: EVENTS_WRITE,
    handle(ctx) {
      const appointment = ctx.sandbox.store.getAppointment(ctx.params.appointmentId ?? "");
      if (!appointment) throw notFound("Appointment not found");
      locationOf(ctx, appointment.locationId);
      const body = parseOr422(ZNote, ctx.jsonBody());
      const note = ctx.sandbox.store.addAppointmentNote(appointment.id, body);
      // The status is unconfirmed (201 like other creates); the body is `{ note }`.
      return json(201, { note: noteView(note) });
    },
  }),
  tokenRoute({
    method: "GET",
    path: "/calendars/appointments/:appointmentId/notes",
    access: EVENTS_READ,
    handle(ctx) {
      const appointment = ctx.sandbox.store.getAppointment(ctx.params.appointmentId ?? "");
      if (!appointment) throw notFound("Appointment not found");
      locationOf(ctx, appointment.locationId);
      // limit and offset are both required by the spec.
      const query = parseOr422(z.object({ limit: z.coerce.number().int().min(1).max(100), offset: z.coerce.number().int().min(0) }), Object.fromEntries(ctx.query));
      const notes = ctx.sandbox.store.appointmentNotes(appointment.id);
      return json(200, { notes: notes.slice(query.offset, query.offset + query.limit).map(noteView), hasMore: query.offset + query.limit < notes.length });
    },
  }),
];

function noteView(note: AppointmentNote) {
  return { id: note.id, body: note.body, userId: note.userId, dateAdded: new Date(note.dateAdded).toISOString() };
}
