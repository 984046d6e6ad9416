/**
 * Records the sandbox keeps in memory. Times are epoch milliseconds so sorting and range
 * filters stay cheap with 50k contacts; the views in views.ts turn them into GHL's JSON.
 */

export type TokenKind = "Location" | "Company";

/** The two `Version` values GHL pins per module (reference §1.1). */
export const API_VERSION = {
  contacts: "2021-07-28",
  calendars: "2021-04-15",
  /** Conversations share the calendars' value (reference §1.1). */
  conversations: "2021-04-15",
} as const;
export type ApiVersion = (typeof API_VERSION)[keyof typeof API_VERSION];
/** Versions GHL accepts on any route: the two module values and the official SDK's default. */
export const KNOWN_VERSIONS: readonly string[] = [API_VERSION.contacts, API_VERSION.calendars, "2023-02-21"];

export const APPOINTMENT_STATUSES = ["new", "confirmed", "cancelled", "showed", "noshow", "invalid"] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export interface Company {
  id: string;
  name: string;
  email?: string;
  planId: string;
}

export interface Location {
  id: string;
  companyId: string;
  name: string;
  timezone: string;
  address?: string;
  city?: string;
  state?: string;
  country?: string;
  postalCode?: string;
  phone?: string;
  email?: string;
  website?: string;
  /** GHL's per-location "Allow Duplicate Contact" setting; drives create and upsert. */
  allowDuplicateContact: boolean;
  /** Which field upsert matches first when email and phone point at different contacts. */
  duplicateMatchOrder: ReadonlyArray<"email" | "phone">;
  /** Whether the marketplace app is installed here (installedLocations, locationToken). */
  installedAt?: number;
  dateAdded: number;
}

export type DndStatus = "active" | "inactive" | "permanent";
export type DndSettings = Partial<Record<"Call" | "Email" | "SMS" | "WhatsApp" | "GMB" | "FB", { status: DndStatus; message?: string; code?: string }>>;

export interface CustomFieldValue {
  id: string;
  value: unknown;
}

export interface Contact {
  id: string;
  locationId: string;
  firstName?: string;
  lastName?: string;
  /** Only when set explicitly; otherwise the view derives it from first and last name. */
  name?: string;
  email?: string;
  phone?: string;
  tags: string[];
  customFields: CustomFieldValue[];
  source?: string;
  dateAdded: number;
  dateUpdated: number;
  timezone?: string;
  dnd: boolean;
  dndSettings?: DndSettings;
  inboundDndSettings?: Record<string, unknown>;
  gender?: string;
  companyName?: string;
  address1?: string;
  city?: string;
  state?: string;
  country?: string;
  postalCode?: string;
  website?: string;
  dateOfBirth?: string;
  assignedTo?: string;
  type: "lead" | "customer";
}

export interface OpenHours {
  /** 0 = Sunday … 6 = Saturday, as in GHL's calendar settings. */
  daysOfTheWeek: number[];
  hours: Array<{ openHour: number; openMinute: number; closeHour: number; closeMinute: number }>;
}

export interface Calendar {
  id: string;
  locationId: string;
  name: string;
  description?: string;
  groupId?: string;
  calendarType: "event" | "round_robin" | "collective" | "class_booking" | "service_booking" | "personal";
  slotDuration: number;
  slotInterval: number;
  /** How many overlapping bookings one slot takes before it stops being free. */
  appointmentsPerSlot: number;
  /** Minimum scheduling notice (GHL's allowBookingAfter, in minutes here): no slot starts sooner. */
  minimumNoticeMinutes: number;
  openHours: OpenHours[];
  teamMembers: Array<{ userId: string; priority: number; isPrimary: boolean }>;
  isActive: boolean;
}

export interface Appointment {
  id: string;
  locationId: string;
  calendarId: string;
  contactId: string;
  title?: string;
  appointmentStatus: AppointmentStatus;
  assignedUserId?: string;
  address?: string;
  notes?: string;
  description?: string;
  meetingLocationType?: string;
  rrule?: string;
  groupId?: string;
  users: string[];
  source?: string;
  startTime: number;
  endTime: number;
  dateAdded: number;
  dateUpdated: number;
}

/** A note on an appointment (its own endpoint: appointments carry no notes field on create). */
export interface AppointmentNote {
  id: string;
  appointmentId: string;
  body: string;
  userId?: string;
  dateAdded: number;
}

export interface User {
  id: string;
  companyId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  /** Locations this user belongs to; agency users with an empty list see all of the company. */
  locationIds: string[];
  type: "agency" | "account";
  role: "admin" | "user";
  deleted: boolean;
}

export const MESSAGE_TYPES = ["SMS", "RCS", "Email", "WhatsApp", "IG", "FB", "Custom", "Live_Chat", "TIKTOK"] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** A message of a conversation, either way. */
export interface Message {
  id: string;
  conversationId: string;
  locationId: string;
  contactId: string;
  type: MessageType;
  direction: "outbound" | "inbound";
  body: string;
  /** Outbound: "delivered" (the sandbox delivers at once); inbound: "received". */
  status: string;
  fromNumber?: string;
  toNumber?: string;
  appointmentId?: string;
  dateAdded: number;
}

/** One conversation per contact, as GHL keeps them. */
export interface Conversation {
  id: string;
  locationId: string;
  contactId: string;
  lastMessageBody?: string;
  lastMessageDate?: number;
  unreadCount: number;
  dateAdded: number;
  dateUpdated: number;
}
