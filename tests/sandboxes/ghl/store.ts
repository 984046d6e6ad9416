import { ghlId } from "./ids";
import type { Appointment, AppointmentNote, Calendar, Company, Contact, Conversation, Location, Message, User } from "./types";

/** Writable contact fields; `null` in a patch clears a field, `undefined` leaves it alone. */
export type ContactFields = Partial<Omit<Contact, "id" | "locationId" | "dateAdded" | "dateUpdated">>;
export type ContactPatch = { [K in keyof ContactFields]?: ContactFields[K] | null };

export type AppointmentFields = Omit<Appointment, "id" | "dateAdded" | "dateUpdated" | "users"> & { users?: string[] };
export type AppointmentPatch = { [K in keyof AppointmentFields]?: AppointmentFields[K] | null };

export type ContactSortField = "dateAdded" | "dateUpdated";

/**
 * In-memory GHL data. Route handlers and tests share it; tests call it directly to change
 * data "in GHL" without spending HTTP requests or rate-limit budget.
 * Every contact or appointment write moves dateUpdated strictly forward, so a sync that
 * filters on dateUpdated always sees the change, even two writes within one millisecond.
 */
export class GhlStore {
  private readonly companies = new Map<string, Company>();
  private readonly locations = new Map<string, Location>();
  private readonly contacts = new Map<string, Contact>();
  private readonly contactsByLocation = new Map<string, Map<string, Contact>>();
  private readonly deletedContacts = new Map<string, Contact>();
  /** Sorted views per location, rebuilt lazily after a write: paging 50k contacts sorts once. */
  private readonly sortedCache = new Map<string, Map<ContactSortField, Contact[]>>();
  private readonly calendars = new Map<string, Calendar>();
  private readonly notes = new Map<string, AppointmentNote[]>();
  private readonly appointments = new Map<string, Appointment>();
  private readonly deletedAppointments = new Map<string, Appointment>();
  private readonly users = new Map<string, User>();
  private readonly conversations = new Map<string, Conversation>();
  private readonly messages: Message[] = [];

  constructor(readonly now: () => number = Date.now) {}

  // Companies and locations

  addCompany(input: Partial<Company> & { id: string }): Company {
    const company: Company = { name: input.id, planId: "sandbox-plan", ...input };
    this.companies.set(company.id, company);
    return company;
  }

  getCompany(id: string): Company | undefined {
    return this.companies.get(id);
  }

  addLocation(input: Partial<Location> & { id: string; companyId: string }): Location {
    if (!this.companies.has(input.companyId)) this.addCompany({ id: input.companyId });
    const location: Location = {
      name: input.id,
      timezone: "America/Chicago",
      allowDuplicateContact: false,
      duplicateMatchOrder: ["email", "phone"],
      dateAdded: this.now(),
      ...input,
    };
    this.locations.set(location.id, location);
    if (!this.contactsByLocation.has(location.id)) this.contactsByLocation.set(location.id, new Map());
    return location;
  }

  getLocation(id: string): Location | undefined {
    return this.locations.get(id);
  }

  locationsOf(companyId: string): Location[] {
    return [...this.locations.values()].filter((location) => location.companyId === companyId);
  }

  updateLocation(id: string, patch: Partial<Omit<Location, "id">>): Location {
    const location = this.requireLocation(id);
    Object.assign(location, patch);
    return location;
  }

  markInstalled(locationId: string, installed = true): void {
    const location = this.requireLocation(locationId);
    if (!installed) delete location.installedAt;
    else location.installedAt ??= this.now();
  }

  private requireLocation(id: string): Location {
    const location = this.locations.get(id);
    if (!location) throw new Error(`GHL sandbox: no location ${id}`);
    return location;
  }

  // Contacts

  createContact(locationId: string, fields: ContactFields, options: { id?: string; dateAdded?: number; dateUpdated?: number } = {}): Contact {
    this.requireLocation(locationId);
    const now = this.now();
    const contact: Contact = {
      tags: [],
      customFields: [],
      dnd: false,
      type: "lead",
      ...fields,
      id: options.id ?? ghlId(),
      locationId,
      dateAdded: options.dateAdded ?? now,
      dateUpdated: options.dateUpdated ?? options.dateAdded ?? now,
    };
    this.insertContact(contact);
    return contact;
  }

  /** Stores a fully built record as is (the seeder builds 50k of them). */
  insertContact(contact: Contact): void {
    if (this.contacts.has(contact.id)) throw new Error(`GHL sandbox: contact ${contact.id} already exists`);
    const byLocation = this.contactsByLocation.get(contact.locationId);
    if (!byLocation) throw new Error(`GHL sandbox: no location ${contact.locationId}`);
    this.contacts.set(contact.id, contact);
    byLocation.set(contact.id, contact);
    this.sortedCache.delete(contact.locationId);
  }

  getContact(id: string): Contact | undefined {
    return this.contacts.get(id);
  }

  /** A deleted contact's last state, so tests can build the ContactDelete webhook for it. */
  getDeletedContact(id: string): Contact | undefined {
    return this.deletedContacts.get(id);
  }

  updateContact(id: string, patch: ContactPatch): Contact {
    const contact = this.contacts.get(id);
    if (!contact) throw new Error(`GHL sandbox: no contact ${id}`);
    const record = contact as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) delete record[key];
      else record[key] = value;
    }
    contact.dateUpdated = this.nextDateUpdated(contact.dateUpdated);
    this.sortedCache.delete(contact.locationId);
    return contact;
  }

  deleteContact(id: string): Contact | undefined {
    const contact = this.contacts.get(id);
    if (!contact) return undefined;
    this.contacts.delete(id);
    this.contactsByLocation.get(contact.locationId)?.delete(id);
    this.sortedCache.delete(contact.locationId);
    this.deletedContacts.set(id, contact);
    return contact;
  }

  contactsIn(locationId: string): IterableIterator<Contact> {
    return (this.contactsByLocation.get(locationId) ?? new Map<string, Contact>()).values();
  }

  contactCount(locationId: string): number {
    return this.contactsByLocation.get(locationId)?.size ?? 0;
  }

  /** The location's contacts ascending by `field`, ties broken by id. Do not mutate. */
  sortedContacts(locationId: string, field: ContactSortField): readonly Contact[] {
    let byField = this.sortedCache.get(locationId);
    if (!byField) {
      byField = new Map();
      this.sortedCache.set(locationId, byField);
    }
    let sorted = byField.get(field);
    if (!sorted) {
      sorted = [...this.contactsIn(locationId)].sort((a, b) => a[field] - b[field] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      byField.set(field, sorted);
    }
    return sorted;
  }

  // Calendars and appointments

  addCalendar(input: Partial<Calendar> & { id?: string; locationId: string }): Calendar {
    this.requireLocation(input.locationId);
    const calendar: Calendar = {
      id: input.id ?? ghlId(),
      name: "Sandbox calendar",
      calendarType: "event",
      slotDuration: 60,
      slotInterval: 30,
      appointmentsPerSlot: 1,
      minimumNoticeMinutes: 0,
      openHours: [{ daysOfTheWeek: [1, 2, 3, 4, 5], hours: [{ openHour: 9, openMinute: 0, closeHour: 17, closeMinute: 0 }] }],
      teamMembers: [],
      isActive: true,
      ...input,
    };
    this.calendars.set(calendar.id, calendar);
    return calendar;
  }

  addAppointmentNote(appointmentId: string, input: { body: string; userId?: string }): AppointmentNote {
    const note: AppointmentNote = { id: ghlId(), appointmentId, body: input.body, userId: input.userId, dateAdded: this.now() };
    const list = this.notes.get(appointmentId) ?? [];
    list.push(note);
    this.notes.set(appointmentId, list);
    // The event's `notes` field shows the newest note (how GHL fills it is unconfirmed).
    const appointment = this.appointments.get(appointmentId);
    if (appointment) appointment.notes = note.body;
    return note;
  }

  appointmentNotes(appointmentId: string): AppointmentNote[] {
    return [...(this.notes.get(appointmentId) ?? [])];
  }

  getCalendar(id: string): Calendar | undefined {
    return this.calendars.get(id);
  }

  calendarsIn(locationId: string): Calendar[] {
    return [...this.calendars.values()].filter((calendar) => calendar.locationId === locationId);
  }

  createAppointment(fields: AppointmentFields, options: { id?: string; dateAdded?: number; dateUpdated?: number } = {}): Appointment {
    const now = this.now();
    const appointment: Appointment = {
      users: [],
      ...fields,
      id: options.id ?? ghlId(),
      dateAdded: options.dateAdded ?? now,
      dateUpdated: options.dateUpdated ?? options.dateAdded ?? now,
    };
    if (this.appointments.has(appointment.id)) throw new Error(`GHL sandbox: appointment ${appointment.id} already exists`);
    this.appointments.set(appointment.id, appointment);
    return appointment;
  }

  getAppointment(id: string): Appointment | undefined {
    return this.appointments.get(id);
  }

  getDeletedAppointment(id: string): Appointment | undefined {
    return this.deletedAppointments.get(id);
  }

  updateAppointment(id: string, patch: AppointmentPatch): Appointment {
    const appointment = this.appointments.get(id);
    if (!appointment) throw new Error(`GHL sandbox: no appointment ${id}`);
    const record = appointment as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) delete record[key];
      else record[key] = value;
    }
    appointment.dateUpdated = this.nextDateUpdated(appointment.dateUpdated);
    return appointment;
  }

  deleteAppointment(id: string): Appointment | undefined {
    const appointment = this.appointments.get(id);
    if (!appointment) return undefined;
    this.appointments.delete(id);
    this.deletedAppointments.set(id, appointment);
    return appointment;
  }

  appointmentsIn(locationId: string): Appointment[] {
    return [...this.appointments.values()].filter((appointment) => appointment.locationId === locationId);
  }

  // Conversations and messages

  /** The contact's conversation, opened on its first message (GHL keeps one per contact). */
  conversationOf(locationId: string, contactId: string): Conversation {
    for (const conversation of this.conversations.values()) {
      if (conversation.contactId === contactId && conversation.locationId === locationId) return conversation;
    }
    const now = this.now();
    const conversation: Conversation = { id: ghlId(), locationId, contactId, unreadCount: 0, dateAdded: now, dateUpdated: now };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  getConversation(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  addMessage(fields: Omit<Message, "id" | "conversationId" | "dateAdded">): Message {
    const conversation = this.conversationOf(fields.locationId, fields.contactId);
    const message: Message = { ...fields, id: ghlId(), conversationId: conversation.id, dateAdded: this.now() };
    this.messages.push(message);
    conversation.lastMessageBody = message.body;
    conversation.lastMessageDate = message.dateAdded;
    conversation.dateUpdated = message.dateAdded;
    if (message.direction === "inbound") conversation.unreadCount += 1;
    return message;
  }

  /** Every message, oldest first; narrowed to one contact or one direction when asked. */
  listMessages(filter: { contactId?: string; conversationId?: string; direction?: Message["direction"] } = {}): Message[] {
    return this.messages.filter(
      (m) =>
        (!filter.contactId || m.contactId === filter.contactId) &&
        (!filter.conversationId || m.conversationId === filter.conversationId) &&
        (!filter.direction || m.direction === filter.direction),
    );
  }

  /** The contact whose phone is this number at the location (inbound SMS are matched by number). */
  contactByPhone(locationId: string, phone: string): Contact | undefined {
    const digits = phone.replace(/\D/g, "");
    for (const contact of this.contactsIn(locationId)) if (contact.phone && contact.phone.replace(/\D/g, "") === digits) return contact;
    return undefined;
  }

  // Users

  addUser(input: Partial<User> & { id?: string; companyId: string }): User {
    const id = input.id ?? ghlId();
    const user: User = {
      firstName: "Sandbox",
      lastName: "User",
      email: `${id.toLowerCase()}@sandbox.example`,
      locationIds: [],
      type: "account",
      role: "user",
      deleted: false,
      ...input,
      id,
    };
    this.users.set(user.id, user);
    return user;
  }

  getUser(id: string): User | undefined {
    return this.users.get(id);
  }

  usersOf(companyId: string): User[] {
    return [...this.users.values()].filter((user) => user.companyId === companyId);
  }

  private nextDateUpdated(previous: number): number {
    return Math.max(this.now(), previous + 1);
  }
}
