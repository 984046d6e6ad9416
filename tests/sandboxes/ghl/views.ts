import { formatWithOffset } from "./time";
import type { Appointment, Calendar, Contact, Location, User } from "./types";

/** GHL's JSON for the records in store.ts. Absent optional fields are omitted, as GHL does. */

export function contactName(contact: Contact): string | undefined {
  if (contact.name) return contact.name;
  const joined = [contact.firstName, contact.lastName].filter(Boolean).join(" ");
  return joined || undefined;
}

export function contactView(contact: Contact) {
  return {
    id: contact.id,
    locationId: contact.locationId,
    name: contactName(contact),
    firstName: contact.firstName,
    lastName: contact.lastName,
    email: contact.email,
    emailLowerCase: contact.email?.toLowerCase(),
    phone: contact.phone,
    timezone: contact.timezone,
    companyName: contact.companyName,
    dnd: contact.dnd,
    dndSettings: contact.dndSettings,
    inboundDndSettings: contact.inboundDndSettings,
    type: contact.type,
    source: contact.source,
    assignedTo: contact.assignedTo,
    gender: contact.gender,
    address1: contact.address1,
    city: contact.city,
    state: contact.state,
    country: contact.country,
    postalCode: contact.postalCode,
    website: contact.website,
    tags: [...contact.tags],
    dateOfBirth: contact.dateOfBirth,
    dateAdded: new Date(contact.dateAdded).toISOString(),
    dateUpdated: new Date(contact.dateUpdated).toISOString(),
    customFields: contact.customFields.map(({ id, value }) => ({ id, value })),
  };
}

export function locationView(location: Location) {
  return {
    id: location.id,
    companyId: location.companyId,
    name: location.name,
    address: location.address,
    city: location.city,
    state: location.state,
    country: location.country,
    postalCode: location.postalCode,
    website: location.website,
    timezone: location.timezone,
    email: location.email,
    phone: location.phone,
    settings: { allowDuplicateContact: location.allowDuplicateContact },
    social: {},
  };
}

export function locationSearchView(location: Location) {
  const { id, name, phone, email, address, city, state, country, postalCode, website, timezone, settings, social } = locationView(location);
  return { id, name, phone, email, address, city, state, country, postalCode, website, timezone, settings, social };
}

export function calendarView(calendar: Calendar) {
  return {
    id: calendar.id,
    locationId: calendar.locationId,
    name: calendar.name,
    description: calendar.description,
    groupId: calendar.groupId,
    calendarType: calendar.calendarType,
    slotDuration: calendar.slotDuration,
    slotDurationUnit: "mins",
    slotInterval: calendar.slotInterval,
    slotIntervalUnit: "mins",
    // Misspelt on purpose: GHL's calendar schema is believed to say "appoinmentPerSlot". The
    // reference does not list this field, so name and spelling are unconfirmed.
    appoinmentPerSlot: calendar.appointmentsPerSlot,
    openHours: calendar.openHours.map((rule) => ({ daysOfTheWeek: [...rule.daysOfTheWeek], hours: rule.hours.map((hours) => ({ ...hours })) })),
    teamMembers: calendar.teamMembers.map((member) => ({ ...member })),
    isActive: calendar.isActive,
  };
}

/** The `CalendarEvent` schema: every time carries the location's offset (gotcha §5.6). */
export function eventView(appointment: Appointment, timezone: string) {
  return {
    id: appointment.id,
    address: appointment.address,
    title: appointment.title,
    calendarId: appointment.calendarId,
    locationId: appointment.locationId,
    contactId: appointment.contactId,
    groupId: appointment.groupId,
    appointmentStatus: appointment.appointmentStatus,
    assignedUserId: appointment.assignedUserId,
    users: [...appointment.users],
    notes: appointment.notes,
    description: appointment.description,
    isRecurring: Boolean(appointment.rrule),
    rrule: appointment.rrule,
    startTime: formatWithOffset(appointment.startTime, timezone),
    endTime: formatWithOffset(appointment.endTime, timezone),
    dateAdded: formatWithOffset(appointment.dateAdded, timezone),
    dateUpdated: formatWithOffset(appointment.dateUpdated, timezone),
    assignedResources: [],
    createdBy: { source: appointment.source ?? "third_party" },
  };
}

/**
 * Create/update appointment answer: exactly the documented fields. No dateUpdated here
 * (the spec lists none), so a client that needs it must read the event.
 */
export function appointmentView(appointment: Appointment, timezone: string) {
  return {
    id: appointment.id,
    calendarId: appointment.calendarId,
    locationId: appointment.locationId,
    contactId: appointment.contactId,
    startTime: formatWithOffset(appointment.startTime, timezone),
    endTime: formatWithOffset(appointment.endTime, timezone),
    title: appointment.title,
    appointmentStatus: appointment.appointmentStatus,
    assignedUserId: appointment.assignedUserId,
    address: appointment.address,
    isRecurring: Boolean(appointment.rrule),
    rrule: appointment.rrule,
  };
}

export function userView(user: User) {
  return {
    id: user.id,
    name: `${user.firstName} ${user.lastName}`,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    phone: user.phone,
    extension: "",
    permissions: {},
    scopes: "",
    roles: { type: user.type, role: user.role, locationIds: [...user.locationIds] },
    deleted: user.deleted,
  };
}
