import "server-only";
import { z } from "zod";
import { ghlTransport } from "@/lib/ghl/config";
import { GHL_VERSION, type GhlRequest } from "@/lib/ghl/http";
import {
  ZAppointmentResponse,
  ZCalendarsResponse,
  ZContactResponse,
  ZContactSearchResponse,
  ZDeleteResponse,
  ZEventResponse,
  ZEventsResponse,
  ZFreeSlotsResponse,
  ZLocationResponse,
  ZLocationSearchResponse,
  ZNoteResponse,
  ZSendMessageResponse,
  ZUpsertContactResponse,
} from "@/lib/ghl/schemas";
import { agencyTokens, findConnection, locationTokens, withToken, type TokenProvider } from "@/lib/ghl/tokens";

/** The GHL API v2 calls Sidecar makes, each with its token, version header and budget. */

/** null clears a field; a field left out is kept as it is. */
export interface GhlContactWrite {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  tags?: string[];
  source?: string;
  customFields?: Array<{ id: string; field_value: unknown }>;
}

export interface GhlAppointmentWrite {
  calendarId: string;
  contactId: string;
  startTime: string;
  endTime?: string;
  title?: string;
  appointmentStatus?: "new" | "confirmed" | "cancelled" | "showed" | "noshow" | "invalid";
  /** Without it GHL refuses a time outside the calendar's free slots. */
  ignoreFreeSlotValidation?: boolean;
}

export interface ContactSearchBody {
  pageLimit: number;
  searchAfter?: Array<string | number>;
  filters?: unknown[];
  sort?: Array<{ field: string; direction: "asc" | "desc" }>;
  query?: string;
}

function caller(tokens: TokenProvider, resource: string, meter?: { requests: number }) {
  const request = ghlTransport();
  return <S extends z.ZodType>(req: Omit<GhlRequest, "token" | "resource">, schema: S) =>
    withToken(tokens, (token) => request({ ...req, token, resource, meter }, schema));
}

/** Calls for one clinic; `meter` counts the requests they send. */
export function locationApi(organizationId: string, location: { id: string; ghlLocationId: string }, meter?: { requests: number }) {
  const call = caller(locationTokens(organizationId, location), location.ghlLocationId, meter);
  const locationId = location.ghlLocationId;
  const contacts = GHL_VERSION.contacts;
  const calendars = GHL_VERSION.calendars;
  return {
    searchContacts: (body: ContactSearchBody) =>
      call({ method: "POST", path: "/contacts/search", version: contacts, json: { locationId, ...body }, idempotent: true }, ZContactSearchResponse),
    getContact: (id: string) => call({ method: "GET", path: `/contacts/${encodeURIComponent(id)}`, version: contacts }, ZContactResponse),
    createContact: (input: GhlContactWrite) =>
      call({ method: "POST", path: "/contacts/", version: contacts, json: { ...input, locationId } }, ZContactResponse),
    updateContact: (id: string, input: GhlContactWrite) =>
      call({ method: "PUT", path: `/contacts/${encodeURIComponent(id)}`, version: contacts, json: input }, ZContactResponse),
    upsertContact: (input: GhlContactWrite) =>
      call({ method: "POST", path: "/contacts/upsert", version: contacts, json: { ...input, locationId } }, ZUpsertContactResponse),
    deleteContact: (id: string) => call({ method: "DELETE", path: `/contacts/${encodeURIComponent(id)}`, version: contacts }, ZDeleteResponse),
    listCalendars: () => call({ method: "GET", path: "/calendars/", version: calendars, query: { locationId } }, ZCalendarsResponse),
    listEvents: (calendarId: string, from: Date, to: Date) =>
      call(
        {
          method: "GET",
          path: "/calendars/events",
          version: calendars,
          query: { locationId, calendarId, startTime: from.getTime(), endTime: to.getTime() },
        },
        ZEventsResponse,
      ),
    getAppointment: (id: string) =>
      call({ method: "GET", path: `/calendars/events/appointments/${encodeURIComponent(id)}`, version: calendars }, ZEventResponse),
    createAppointment: (input: GhlAppointmentWrite) =>
      call(
        { method: "POST", path: "/calendars/events/appointments", version: calendars, json: { ...input, locationId, toNotify: true } },
        ZAppointmentResponse,
      ),
    updateAppointment: (id: string, input: Partial<GhlAppointmentWrite>) =>
      call({ method: "PUT", path: `/calendars/events/appointments/${encodeURIComponent(id)}`, version: calendars, json: input }, ZAppointmentResponse),
    /** Notes are not a field of the appointment body: GHL refuses `notes` there. */
    createAppointmentNote: (appointmentId: string, body: string) =>
      call(
        { method: "POST", path: `/calendars/appointments/${encodeURIComponent(appointmentId)}/notes`, version: calendars, json: { body } },
        ZNoteResponse,
      ),
    deleteEvent: (id: string) =>
      call({ method: "DELETE", path: `/calendars/events/${encodeURIComponent(id)}`, version: calendars, json: {} }, ZDeleteResponse),
    /**
     * An SMS to a contact through GHL's Conversations API, from the location's number. Not
     * idempotent: never retried after a 5xx or a timeout (a second attempt could text twice).
     */
    sendSms: (input: { contactId: string; message: string; appointmentId?: string }) =>
      call(
        {
          method: "POST",
          path: "/conversations/messages",
          version: GHL_VERSION.conversations,
          json: { type: "SMS", contactId: input.contactId, message: input.message, ...(input.appointmentId ? { appointmentId: input.appointmentId } : {}) },
        },
        ZSendMessageResponse,
      ),
    freeSlots: (calendarId: string, from: Date, to: Date, timezone: string) =>
      call(
        {
          method: "GET",
          path: `/calendars/${encodeURIComponent(calendarId)}/free-slots`,
          version: calendars,
          query: { startDate: from.getTime(), endDate: to.getTime(), timezone },
        },
        ZFreeSlotsResponse,
      ),
  };
}

export type LocationApi = ReturnType<typeof locationApi>;

export function agencyApi(organizationId: string) {
  return {
    async searchLocations() {
      const connection = await findConnection(organizationId);
      const call = caller(agencyTokens(organizationId), connection.companyId);
      const all = [];
      // GHL pages this list with skip/limit; stop at a short page.
      for (let skip = 0; ; skip += 100) {
        const page = await call(
          { method: "GET", path: "/locations/search", version: GHL_VERSION.contacts, query: { companyId: connection.companyId, skip, limit: 100 } },
          ZLocationSearchResponse,
        );
        all.push(...page.locations);
        if (page.locations.length < 100 || skip >= 10_000) return all;
      }
    },
    async getLocation(ghlLocationId: string) {
      const connection = await findConnection(organizationId);
      const call = caller(agencyTokens(organizationId), connection.companyId);
      return call({ method: "GET", path: `/locations/${encodeURIComponent(ghlLocationId)}`, version: GHL_VERSION.contacts }, ZLocationResponse);
    },
  };
}
