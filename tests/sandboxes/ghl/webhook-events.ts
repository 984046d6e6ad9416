import { randomUUID } from "node:crypto";
import { contactName } from "./views";
import { formatWithOffset } from "./time";
import type { Appointment, Contact, Message } from "./types";

/**
 * Webhook payloads as GHL sends them (reference §1.5): `type` and `locationId` at the top,
 * `webhookId` and `timestamp` for dedupe and replay checks, contact fields flat at the top
 * level (`id` = contact id), appointment fields nested under `appointment`.
 */
export interface GhlWebhookEvent {
  type: string;
  locationId?: string;
  webhookId: string;
  timestamp: string;
  [field: string]: unknown;
}

export type ContactEventType = "ContactCreate" | "ContactUpdate" | "ContactDelete" | "ContactTagUpdate" | "ContactDndUpdate";
export type AppointmentEventType = "AppointmentCreate" | "AppointmentUpdate" | "AppointmentDelete";

/** Fields a test may override, e.g. an old `timestamp` to exercise the 5-minute skew check. */
export type EventOverrides = Partial<GhlWebhookEvent>;

function envelope(type: string, locationId: string | undefined, now: number) {
  // Company-level events carry no locationId key at all.
  return { type, ...(locationId === undefined ? {} : { locationId }), webhookId: randomUUID(), timestamp: new Date(now).toISOString() };
}

export function contactEvent(type: ContactEventType, contact: Contact, overrides: EventOverrides = {}, now = Date.now()): GhlWebhookEvent {
  return {
    ...envelope(type, contact.locationId, now),
    id: contact.id,
    address1: contact.address1,
    city: contact.city,
    state: contact.state,
    companyName: contact.companyName,
    country: contact.country,
    source: contact.source,
    dateAdded: new Date(contact.dateAdded).toISOString(),
    // No dateUpdated: real Contact* payloads do not carry one (reference §1.5).
    dateOfBirth: contact.dateOfBirth,
    dnd: contact.dnd,
    ...(type === "ContactDndUpdate" ? { dndSettings: contact.dndSettings ?? {} } : {}),
    email: contact.email,
    name: contactName(contact),
    firstName: contact.firstName,
    lastName: contact.lastName,
    phone: contact.phone,
    postalCode: contact.postalCode,
    tags: [...contact.tags],
    website: contact.website,
    attachments: [],
    assignedTo: contact.assignedTo,
    customFields: contact.customFields.map(({ id, value }) => ({ id, value })),
    ...overrides,
  };
}

/**
 * The docs' own AppointmentUpdate/Delete examples carry `"type":"AppointmentCreate"` (a
 * copy-paste error, §1.5); the sandbox always sends the real event name.
 */
export function appointmentEvent(
  type: AppointmentEventType,
  appointment: Appointment,
  timezone: string,
  overrides: EventOverrides = {},
  now = Date.now(),
): GhlWebhookEvent {
  return {
    ...envelope(type, appointment.locationId, now),
    appointment: {
      id: appointment.id,
      address: appointment.address,
      title: appointment.title,
      calendarId: appointment.calendarId,
      contactId: appointment.contactId,
      groupId: appointment.groupId,
      appointmentStatus: appointment.appointmentStatus,
      assignedUserId: appointment.assignedUserId,
      users: [...appointment.users],
      notes: appointment.notes,
      source: appointment.source,
      startTime: formatWithOffset(appointment.startTime, timezone),
      endTime: formatWithOffset(appointment.endTime, timezone),
      dateAdded: formatWithOffset(appointment.dateAdded, timezone),
      dateUpdated: formatWithOffset(appointment.dateUpdated, timezone),
    },
    ...overrides,
  };
}

export interface InstallEventInput {
  appId: string;
  versionId: string;
  companyId: string;
  companyName: string;
  locationId?: string;
  userId: string;
  planId: string;
}

/** INSTALL as the official SDK types it [G12]; sent when the authorize page approves an install. */
export function installEvent(input: InstallEventInput, overrides: EventOverrides = {}, now = Date.now()): GhlWebhookEvent {
  return {
    ...envelope("INSTALL", input.locationId, now),
    appId: input.appId,
    versionId: input.versionId,
    installType: input.locationId ? "Location" : "Company",
    companyId: input.companyId,
    userId: input.userId,
    companyName: input.companyName,
    isWhitelabelCompany: false,
    whitelabelDetails: {},
    planId: input.planId,
    trial: { onTrial: false },
    ...overrides,
  };
}

/**
 * UNINSTALL: the app removed from one sub-account (`locationId`) or from the whole agency
 * (`companyId` alone), as the docs' AppUninstall payload shows it.
 */
export function uninstallEvent(input: { appId: string; companyId: string; locationId?: string }, overrides: EventOverrides = {}, now = Date.now()): GhlWebhookEvent {
  return {
    ...envelope("UNINSTALL", input.locationId, now),
    appId: input.appId,
    ...(input.locationId ? { locationId: input.locationId } : { companyId: input.companyId }),
    ...overrides,
  };
}

/**
 * InboundMessage for an SMS (reference §1.5): the message fields flat at the top level, the
 * contact by GHL id. GHL creates a contact for a number it does not know before it sends this.
 */
export function inboundMessageEvent(message: Message, overrides: EventOverrides = {}, now = Date.now()): GhlWebhookEvent {
  return {
    ...envelope("InboundMessage", message.locationId, now),
    attachments: [],
    body: message.body,
    contactId: message.contactId,
    contentType: "text/plain",
    conversationId: message.conversationId,
    dateAdded: new Date(message.dateAdded).toISOString(),
    direction: "inbound",
    messageType: "SMS",
    status: "delivered",
    messageId: message.id,
    ...overrides,
  };
}
