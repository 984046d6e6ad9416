import "server-only";
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import { systemDb } from "@/lib/db/system";
import type { OrgDb, OrgTransaction } from "@/lib/db";
import { env } from "@/lib/env";
import { locationApi } from "@/lib/ghl/api";
import { ZCalendarEvent, ZContact, type GhlContact } from "@/lib/ghl/schemas";
import { applyAppLifecycle, unsafeResolveLifecycleTenant, type LifecycleTenant } from "@/lib/ghl/lifecycle";
import { ghlAppId } from "@/lib/ghl/oauth";
import {
  applyContactEvents,
  appointmentRow,
  contactRow,
  markAppointmentsDeleted,
  markContactsDeleted,
  upsertAppointmentPage,
  upsertContactPage,
  type UpsertSource,
} from "@/lib/ghl/sync/upsert";
import { handleInboundSms, recordInboundSms } from "@/lib/prevention/replies";
import type { InboxClinic, InboxItem, InboxProcessor } from "@/lib/webhooks/inbox";
import type { InboxWebhookSpec } from "@/lib/entry/webhook-route";

/**
 * GHL webhooks: Ed25519 signature in X-GHL-Signature over the raw body (reference §1.5), the
 * clinic taken from Sidecar's own Location table, never from a claim in the payload alone, and
 * acknowledge first: the route stores the event in the webhook inbox (the webhookId claim is the
 * replay guard) and answers; the drain applies it (lib/webhooks/inbox.ts, `ghlInboxProcessor`).
 *
 * No age limit: GHL retries a delivery for about an hour after a 429 with the original timestamp,
 * so a "no older than five minutes" rule would drop every retried event; a replayed signed body
 * is a duplicate webhookId, and an old one that is not still loses to newer stored data.
 */

function parseKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith("-----BEGIN")) return createPublicKey(trimmed);
  return createPublicKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "spki" });
}

let keys: KeyObject[] | undefined;
/** Configured keys, several during a rotation (GHL announces rotations; keys live in config). */
function webhookKeys(): KeyObject[] {
  keys ??= env.GHL_WEBHOOK_PUBLIC_KEYS.split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map(parseKey);
  return keys;
}

const verifyOn = (raw: Buffer, key: KeyObject, signature: Buffer) =>
  new Promise<boolean>((resolve, reject) => verify(null, raw, key, signature, (err, valid) => (err ? reject(err) : resolve(valid))));

/**
 * Ed25519 over the raw body with each configured key until one matches. The check runs on
 * libuv's thread pool (crypto.verify with a callback): it is the costliest step of the
 * acknowledge path, and there it leaves the event loop free to read and answer other deliveries.
 */
export async function verifyGhlSignature(raw: Buffer, signature: string | null, publicKeys: KeyObject[] = webhookKeys()): Promise<boolean> {
  if (!signature) return false;
  const bytes = Buffer.from(signature, "base64");
  if (bytes.length !== 64) return false;
  for (const key of publicKeys) if (await verifyOn(raw, key, bytes)) return true;
  return false;
}

const ZBase = z.object({
  type: z.string().min(1).max(64),
  // Company-level events (INSTALL/UNINSTALL of the agency, LocationCreate) carry none.
  locationId: z.string().min(1).max(64).optional(),
  webhookId: z.string().min(1).max(128),
  timestamp: z.iso.datetime({ offset: true }),
});
const ZLocated = ZBase.extend({ locationId: z.string().min(1).max(64) });

const CONTACT_TYPES = ["ContactCreate", "ContactUpdate", "ContactTagUpdate", "ContactDndUpdate", "ContactDelete"] as const;
const APPOINTMENT_TYPES = ["AppointmentCreate", "AppointmentUpdate", "AppointmentDelete"] as const;

const LIFECYCLE_TYPES = ["INSTALL", "UNINSTALL"] as const;
const MESSAGE_TYPES = ["InboundMessage"] as const;

// One object (not an intersection of two): zod then walks the body once, not twice and a merge.
const ZContactEvent = ZLocated.extend({ ...ZContact.omit({ locationId: true }).shape, type: z.enum(CONTACT_TYPES) });
const ZLifecycleEvent = ZBase.extend({ type: z.enum(LIFECYCLE_TYPES), appId: z.string().optional(), companyId: z.string().min(1).max(64).optional() });
const ZAppointmentEvent = ZLocated.extend({
  type: z.enum(APPOINTMENT_TYPES),
  appointment: ZCalendarEvent.omit({ locationId: true }).extend({ locationId: z.string().optional() }),
});

/** InboundMessage (reference §1.5): message fields flat at the top level, the contact by GHL id. */
const ZMessageEvent = ZLocated.extend({
  type: z.enum(MESSAGE_TYPES),
  contactId: z.string().min(1).max(64),
  messageId: z.string().min(1).max(128),
  conversationId: z.string().max(128).optional(),
  messageType: z.string().max(32).optional(),
  direction: z.string().max(16).optional(),
  body: z.string().max(5000).nullish().transform((v) => v ?? ""),
});

type GhlContactEvent = z.output<typeof ZContactEvent>;
type GhlAppointmentEvent = z.output<typeof ZAppointmentEvent>;

export type GhlEvent =
  | (z.output<typeof ZContactEvent> & { kind: "contact" })
  | (z.output<typeof ZAppointmentEvent> & { kind: "appointment" })
  | (z.output<typeof ZLifecycleEvent> & { kind: "lifecycle" })
  | (z.output<typeof ZMessageEvent> & { kind: "message" })
  | (z.output<typeof ZBase> & { kind: "other" });

export function parseGhlEvent(raw: string): GhlEvent & { deliveryId: string } {
  const body: unknown = JSON.parse(raw);
  const base = ZBase.parse(body);
  const kind = (CONTACT_TYPES as readonly string[]).includes(base.type)
    ? { ...ZContactEvent.parse(body), kind: "contact" as const }
    : (APPOINTMENT_TYPES as readonly string[]).includes(base.type)
      ? { ...ZAppointmentEvent.parse(body), kind: "appointment" as const }
      : (LIFECYCLE_TYPES as readonly string[]).includes(base.type)
        ? { ...ZLifecycleEvent.parse(body), kind: "lifecycle" as const }
        : (MESSAGE_TYPES as readonly string[]).includes(base.type)
          ? { ...ZMessageEvent.parse(body), kind: "message" as const }
          : { ...base, kind: "other" as const };
  return { ...kind, deliveryId: base.webhookId };
}

/**
 * What the route reads of a delivery before it stores the body: the envelope (type, webhookId,
 * timestamp, locationId), the record the event is about, and for the app's lifecycle events,
 * which the request applies, the whole event. The rest is stored as received and parsed in full
 * only by the drain (`parseGhlEvent`), where a body that does not parse is dead-lettered at once
 * and shows in sync health; parsing it in the request too cost more than storing it.
 */
export type GhlDelivery = { deliveryId: string; type: string; timestamp: string; locationId?: string } & (
  | { kind: "record"; locationId: string; recordId: string | null }
  | (z.output<typeof ZLifecycleEvent> & { kind: "lifecycle" })
  | { kind: "other" }
);

const ZContactRef = z.object({ locationId: ZLocated.shape.locationId, id: ZContact.shape.id });
const ZAppointmentRef = z.object({ locationId: ZLocated.shape.locationId, appointment: z.object({ id: ZCalendarEvent.shape.id }) });
const ZMessageRef = ZMessageEvent.pick({ locationId: true, contactId: true, messageType: true, direction: true });

export function parseGhlDelivery(raw: string): GhlDelivery {
  const body: unknown = JSON.parse(raw);
  const base = ZBase.parse(body);
  const envelope = { deliveryId: base.webhookId, type: base.type, timestamp: base.timestamp };
  if ((CONTACT_TYPES as readonly string[]).includes(base.type)) {
    const { locationId, id } = ZContactRef.parse(body);
    return { ...envelope, kind: "record", locationId, recordId: id };
  }
  if ((APPOINTMENT_TYPES as readonly string[]).includes(base.type)) {
    const { locationId, appointment } = ZAppointmentRef.parse(body);
    return { ...envelope, kind: "record", locationId, recordId: appointment.id };
  }
  if ((MESSAGE_TYPES as readonly string[]).includes(base.type)) {
    const message = ZMessageRef.parse(body);
    return { ...envelope, kind: "record", locationId: message.locationId, recordId: smsRecordId(message) };
  }
  if ((LIFECYCLE_TYPES as readonly string[]).includes(base.type)) return { ...envelope, ...ZLifecycleEvent.parse(body), kind: "lifecycle" };
  return { ...envelope, locationId: base.locationId, kind: "other" };
}

/** Sidecar's clinic for a GHL location id: the only source of the tenant. */
export async function unsafeFindClinicByGhlLocation(ghlLocationId: string) {
  return systemDb("ghl.webhook-tenant").location.findUnique({ where: { ghlLocationId }, select: { id: true, organizationId: true } });
}

interface GhlTenant {
  organizationId: string;
  locationId: string;
  ghlLocationId: string;
}

/** A lifecycle event's agency, and its clinic when the event names one (UNINSTALL of the company names none). */
type GhlEventTenant = GhlTenant | (LifecycleTenant & { lifecycle: true });

/**
 * Which clinic a GHL location is, remembered for a minute: under a burst every request would
 * otherwise read the same row. A clinic removed meanwhile fails the inbox's foreign key, and the
 * route forgets it.
 */
const TENANT_TTL_MS = 60_000;
const TENANT_CACHE_MAX = 10_000;
const tenants = new Map<string, { tenant: GhlTenant; until: number }>();

async function resolveGhlTenant(ghlLocationId: string): Promise<GhlTenant | null> {
  const cached = tenants.get(ghlLocationId);
  if (cached && cached.until > Date.now()) return cached.tenant;
  const clinic = await unsafeFindClinicByGhlLocation(ghlLocationId);
  if (!clinic) {
    tenants.delete(ghlLocationId);
    return null;
  }
  const tenant = { organizationId: clinic.organizationId, locationId: clinic.id, ghlLocationId };
  if (tenants.size >= TENANT_CACHE_MAX) tenants.clear();
  tenants.set(ghlLocationId, { tenant, until: Date.now() + TENANT_TTL_MS });
  return tenant;
}

/** Drops remembered clinics (a clinic was removed or moved). */
export function forgetGhlTenants(ghlLocationId?: string) {
  if (ghlLocationId) tenants.delete(ghlLocationId);
  else tenants.clear();
}

type ParsedGhlEvent = GhlEvent & { deliveryId: string };
type Item = InboxItem<ParsedGhlEvent>;

/** Only a patient's SMS means anything to Sidecar (a reply to a confirmation or an offer). */
function isInboundSms(message: { messageType?: string; direction?: string }): boolean {
  return (message.messageType ?? "SMS").toUpperCase().includes("SMS") && (message.direction ?? "inbound") === "inbound";
}

/** The record a message is about: one contact's replies apply in the order they came; null for a message Sidecar ignores. */
function smsRecordId(message: { contactId: string; messageType?: string; direction?: string }): string | null {
  return isInboundSms(message) ? `sms:${message.contactId}` : null;
}

/**
 * How the drain handles one kind of GHL record, so that contacts and appointments take one path:
 * the batch upsert, the tie check against what is stored, and the re-read from GHL.
 */
interface RecordKind<R> {
  id(record: R): string;
  /** GHL's dateUpdated, when the event carries one. */
  dateUpdated(record: R): Date | undefined;
  /** One upsert statement for a page of records, each with when it was seen; returns how many rows it inserted or changed. */
  upsert(tx: OrgTransaction, clinic: InboxClinic, records: Array<{ record: R; at: Date }>, source: UpsertSource): Promise<number>;
  /** The stored rows of these GHL ids, with the fields `tieFields` names. */
  findStored(tx: OrgTransaction, clinic: InboxClinic, ids: string[]): Promise<Array<{ id: string; updatedAt: Date; row: Record<string, unknown> }>>;
  /** The record as the upsert would store it. */
  row(record: R, at: Date): Record<string, unknown>;
  /** The fields whose difference makes a tie unknowable. */
  tieFields: readonly string[];
  /** GHL's current state of the record. */
  read(api: ReturnType<typeof locationApi>, id: string): Promise<R>;
}

type GhlAppointmentRecord = GhlAppointmentEvent["appointment"] & { locationId: string };

const contactKind: RecordKind<GhlContact> = {
  id: (contact) => contact.id,
  dateUpdated: (contact) => contact.dateUpdated,
  upsert: (tx, clinic, contacts, source) => upsertContactPage(tx, clinic, contacts.map(({ record }) => record), { source }),
  async findStored(tx, clinic, ids) {
    const rows = await tx.contact.findMany({
      where: { locationId: clinic.locationId, ghlContactId: { in: ids } },
      select: { ghlContactId: true, ghlUpdatedAt: true, firstName: true, lastName: true, email: true, phone: true, tags: true, source: true },
    });
    return rows.map((row) => ({ id: row.ghlContactId, updatedAt: row.ghlUpdatedAt, row }));
  },
  row: (contact, at) => ({ ...contactRow(contact, at) }),
  tieFields: ["firstName", "lastName", "email", "phone", "source", "tags"],
  read: async (api, id) => (await api.getContact(id)).contact,
};

const appointmentKind: RecordKind<GhlAppointmentRecord> = {
  id: (appointment) => appointment.id,
  dateUpdated: (appointment) => appointment.dateUpdated,
  // An appointment without a dateUpdated is stored as of when it was seen (its event's timestamp).
  upsert: (tx, clinic, appointments, source) =>
    upsertAppointmentPage(tx, clinic, appointments.map(({ record, at }) => ({ ...record, dateUpdated: record.dateUpdated ?? at })), { source }),
  async findStored(tx, clinic, ids) {
    const rows = await tx.appointment.findMany({
      where: { locationId: clinic.locationId, provider: "ghl", externalId: { in: ids } },
      select: { externalId: true, externalUpdatedAt: true, calendarId: true, title: true, status: true, startTime: true, endTime: true, assignedUserId: true, notes: true },
    });
    return rows.map((row) => ({ id: row.externalId, updatedAt: row.externalUpdatedAt, row }));
  },
  row: (appointment, at) => ({ ...appointmentRow(appointment, at) }),
  tieFields: ["calendarId", "title", "status", "startTime", "endTime", "assignedUserId", "notes"],
  read: async (api, id) => (await api.getAppointment(id)).event,
};

/** A stored value against the same field as the upsert would write it (dates as ISO text, tags in order). */
function sameStored(stored: unknown, written: unknown): boolean {
  if (stored instanceof Date) return stored.toISOString() === written;
  if (Array.isArray(stored)) return Array.isArray(written) && stored.length === written.length && stored.every((value, i) => value === written[i]);
  return stored === written;
}

interface Entry<R> {
  item: Item;
  record: R;
  at: Date;
}

/**
 * Upserts one kind's dated events in one statement, then finds the events that may tie with
 * what is stored: those carrying a dateUpdated, except that when the upsert wrote every record
 * of the batch, only records the batch holds more than once can (the newest of each was written;
 * another with the same dateUpdated may say something else). A bulk import of new records so
 * needs no read-back. A tie whose content differs is added to `reread`.
 */
async function applyRecords<R>(tx: OrgTransaction, clinic: InboxClinic, kind: RecordKind<R>, entries: Entry<R>[], reread: Set<string>) {
  if (entries.length === 0) return;
  const changed = await kind.upsert(tx, clinic, entries, "event");
  const counts = new Map<string, number>();
  for (const { record } of entries) counts.set(kind.id(record), (counts.get(kind.id(record)) ?? 0) + 1);
  const everyRecordWritten = changed === counts.size;
  const ties = entries.filter(({ record }) => kind.dateUpdated(record) && (!everyRecordWritten || counts.get(kind.id(record))! > 1));
  if (ties.length === 0) return;
  const stored = new Map((await kind.findStored(tx, clinic, ties.map(({ record }) => kind.id(record)))).map((row) => [row.id, row]));
  for (const { item, record, at } of ties) {
    const row = stored.get(kind.id(record));
    if (!row || row.updatedAt.getTime() !== kind.dateUpdated(record)!.getTime()) continue;
    const mine = kind.row(record, at);
    if (kind.tieFields.some((field) => !sameStored(row.row[field], mine[field]))) reread.add(item.row.id);
  }
}

/**
 * Applies one clinic's batch of events, oldest first, inside the drain's transaction: one upsert
 * statement for the contacts, one for the appointments (contacts first, so an appointment finds
 * its contact), deletions after. Every write compares GHL's dateUpdated with what is stored, so
 * within a batch the newest state of each record wins just as it would applying them one by one.
 *
 * When an update carries the very dateUpdated already stored (GHL's timestamps can be whole
 * seconds) but other content, its order against the stored state is unknowable: the event is
 * returned for a re-read, which the drain does after this transaction, outside it.
 */
async function applyGhlBatch(tx: OrgTransaction, clinic: InboxClinic, items: Item[]): Promise<Set<string>> {
  const reread = new Set<string>();
  const contacts: Entry<GhlContactEvent>[] = [];
  const appointments: Entry<GhlAppointmentRecord>[] = [];
  const deletions: Array<() => Promise<number>> = [];
  const replies: Item[] = [];
  for (const item of items) {
    const { event } = item;
    const at = new Date(event.timestamp);
    if (event.kind === "message") {
      if (isInboundSms(event)) replies.push(item);
    } else if (event.kind === "contact") {
      if (event.type === "ContactDelete") deletions.push(() => markContactsDeleted(tx, clinic, [event.id], at));
      else contacts.push({ item, record: event, at });
    } else if (event.kind === "appointment") {
      const appointment = { ...event.appointment, locationId: event.locationId };
      if (event.type === "AppointmentDelete") deletions.push(() => markAppointmentsDeleted(tx, clinic, [appointment.id], at));
      else appointments.push({ item, record: appointment, at });
    }
  }
  // Real contact webhooks carry no dateUpdated: their payload is stored pending confirmation,
  // ordered among webhooks by timestamp, and never stands in for GHL's dateUpdated (the next
  // read settles it: lib/ghl/sync/upsert.ts applyContactEvents).
  const undated = contacts.filter(({ record }) => !record.dateUpdated);
  if (undated.length) await applyContactEvents(tx, clinic, undated.map(({ record, at }) => ({ contact: record, at })));
  await applyRecords(tx, clinic, contactKind, contacts.filter(({ record }) => record.dateUpdated), reread);
  await applyRecords(tx, clinic, appointmentKind, appointments, reread);
  for (const deletion of deletions) await deletion();
  // Replies are logged here; what they ask for (a GHL write) is done after the batch, outside it.
  if (replies.length) {
    await recordInboundSms(tx, clinic, replies.map(({ event }) => event as GhlEvent & { kind: "message" }).map((e) => ({ messageId: e.messageId, contactId: e.contactId, body: e.body })));
    for (const item of replies) reread.add(item.row.id);
  }
  return reread;
}

/**
 * After the batch, outside its transaction: reads the record of a tied event from GHL and stores
 * GHL's current state; for a patient's reply, does what it asks (lib/prevention/replies.ts).
 */
async function rereadGhlRecord(db: OrgDb, clinic: InboxClinic, { event }: Item): Promise<void> {
  if (event.kind === "message") {
    await handleInboundSms(db, clinic, { messageId: event.messageId, contactId: event.contactId, body: event.body });
    return;
  }
  if (event.kind !== "contact" && event.kind !== "appointment") return;
  const location = await db.location.findUnique({ where: { id: clinic.locationId }, select: { id: true, ghlLocationId: true } });
  if (!location) return;
  const api = locationApi(db.organizationId, location);
  const ref = { organizationId: db.organizationId, locationId: location.id };
  const store = async <R>(kind: RecordKind<R>, id: string) => {
    const current = await kind.read(api, id);
    await db.transaction((tx) => kind.upsert(tx, ref, [{ record: current, at: new Date() }], "read"));
  };
  if (event.kind === "contact") await store(contactKind, event.id);
  else await store(appointmentKind, event.appointment.id);
}

/** What the drain does with GHL's events. */
export const ghlInboxProcessor: InboxProcessor<ParsedGhlEvent> = {
  source: "ghl",
  parse: parseGhlEvent,
  apply: applyGhlBatch,
  reread: rereadGhlRecord,
};

/**
 * The acknowledge path (the route adds what starts a drain). Unknown locations, company-level
 * events other than the app's lifecycle, and types Sidecar does not handle all resolve to no
 * tenant or no inbox entry: 2xx, nothing stored, so GHL (which retries every non-2xx) stops
 * resending them.
 */
async function resolveEventTenant(event: GhlDelivery): Promise<GhlEventTenant | null> {
  if (event.kind === "lifecycle") {
    // Another app's lifecycle (a shared webhook URL) is none of Sidecar's business.
    if (event.appId && event.appId !== ghlAppId()) return null;
    const tenant = await unsafeResolveLifecycleTenant(event);
    return tenant ? { ...tenant, lifecycle: true } : null;
  }
  if (!event.locationId) return null;
  return resolveGhlTenant(event.locationId);
}

export const ghlWebhookSpec: InboxWebhookSpec<GhlDelivery, GhlEventTenant> = {
  source: "ghl",
  verify: (raw, headers) => verifyGhlSignature(raw, headers.get("x-ghl-signature")),
  parse: parseGhlDelivery,
  resolveTenant: resolveEventTenant,
  forgetTenant: (event) => forgetGhlTenants(event.locationId),
  inbox: {
    // INSTALL/UNINSTALL are rare, idempotent and ordered by their timestamp: applied in the
    // request, so a clinic stops syncing at once.
    async immediate(event, db, tenant) {
      if (event.kind !== "lifecycle" || !("lifecycle" in tenant)) return false;
      await applyAppLifecycle(db, tenant, event);
      return true;
    },
    entry(event, tenant) {
      return event.kind === "record" && event.recordId && !("lifecycle" in tenant) ? { locationId: tenant.locationId, recordId: event.recordId } : null;
    },
  },
};
