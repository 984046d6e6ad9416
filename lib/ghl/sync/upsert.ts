import "server-only";
import type { OrgDb, OrgTransaction } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { GhlCalendarEvent, GhlContact } from "@/lib/ghl/schemas";

/**
 * The one write path from GHL into Sidecar's copy, shared by the sync, the webhooks, the
 * nightly reconciliation and Sidecar's own writes. A page of records is one SQL statement, and
 * a record only replaces what is stored when its GHL dateUpdated is newer: an older event,
 * a duplicate delivery or an overlapping sync page changes nothing.
 *
 * GHL's timestamps can be coarse (calendar times carry whole seconds), so two changes in one
 * second compare equal. A read of GHL's current state (`source: "read"`: sync, reconciliation,
 * the re-read after Sidecar's own write) then still replaces what differs; a webhook
 * (`source: "event"`), which may be stale, never does on a tie.
 */

export type UpsertSource = "read" | "event";

export interface ClinicRef {
  organizationId: string;
  locationId: string;
}

interface ContactRow {
  ghlContactId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  tags: string[];
  customFields: unknown;
  source: string | null;
  dateAdded: string;
  ghlUpdatedAt: string;
}

/** GHL may omit dateUpdated (webhooks, some writes): then the moment we learned of it stands in. */
export function contactRow(contact: GhlContact, seenAt: Date): ContactRow {
  const updated = contact.dateUpdated ?? seenAt;
  return {
    ghlContactId: contact.id,
    firstName: contact.firstName ?? null,
    lastName: contact.lastName ?? null,
    email: contact.email?.toLowerCase() ?? null,
    phone: contact.phone ?? null,
    tags: contact.tags,
    customFields: contact.customFields,
    source: contact.source ?? null,
    dateAdded: (contact.dateAdded ?? updated).toISOString(),
    ghlUpdatedAt: updated.toISOString(),
  };
}

/** One row per id, the newest kept: ON CONFLICT cannot touch a row twice in one statement. */
function newestById<T>(rows: T[], id: (row: T) => string, updatedAt: (row: T) => string | number): T[] {
  const byId = new Map<string, T>();
  for (const row of rows) {
    const seen = byId.get(id(row));
    if (!seen || updatedAt(row) > updatedAt(seen)) byId.set(id(row), row);
  }
  return [...byId.values()];
}

/**
 * A contact as the page statement's JSON parameter carries it: a tuple, in this order. The
 * parameter is nearly all of the statement (~70 kB for a page of 500 in bench:sync), and it is
 * handled in full four times: JSON.stringify here, Prisma's serialization of raw parameters to
 * JSON and back, and Postgres' jsonb input when the statement is bound. Tuples rather than
 * objects spare the keys (a fifth of the bytes) and jsonb's per-object key sorting. Times are
 * epoch milliseconds, exact as a double (to_timestamp rounds to the microsecond).
 */
type ContactPageRow = [
  ghlContactId: string,
  firstName: string | null,
  lastName: string | null,
  email: string | null,
  phone: string | null,
  tags: string[],
  customFields: unknown[],
  source: string | null,
  dateAdded: number,
  ghlUpdatedAt: number,
];

/** contactRow's fields as the page statement's tuple, with times in epoch milliseconds. */
function contactPageRow(contact: GhlContact, seenAt: number): ContactPageRow {
  // GHL may omit dateUpdated (webhooks, some writes): then the moment we learned of it stands in.
  const updated = contact.dateUpdated?.getTime() ?? seenAt;
  return [
    contact.id,
    contact.firstName ?? null,
    contact.lastName ?? null,
    contact.email?.toLowerCase() ?? null,
    contact.phone ?? null,
    contact.tags,
    contact.customFields,
    contact.source ?? null,
    contact.dateAdded?.getTime() ?? updated,
    updated,
  ];
}

/**
 * The one statement of a contact page upsert (null for an empty page). Exported so bench:sync
 * can run the very same statement inside Postgres for the in-database rate.
 */
export function contactPageStatement(clinic: ClinicRef, contacts: GhlContact[], options: { seenAt?: Date; source: UpsertSource }): Prisma.Sql | null {
  if (contacts.length === 0) return null;
  const seenAt = (options.seenAt ?? new Date()).getTime();
  const replaceTies = options.source === "read";
  const rows = newestById(
    contacts.map((c) => contactPageRow(c, seenAt)),
    (r) => r[0],
    (r) => r[9],
  );
  return Prisma.sql`
    INSERT INTO "Contact" ("id", "organizationId", "locationId", "ghlContactId", "firstName", "lastName", "email", "phone",
                           "tags", "customFields", "source", "dateAdded", "ghlUpdatedAt", "deletedAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${clinic.organizationId}, ${clinic.locationId}, r->>0, r->>1, r->>2, r->>3, r->>4,
           ARRAY(SELECT jsonb_array_elements_text(r->5)), r->6, r->>7,
           to_timestamp((r->>8)::float8 / 1000), to_timestamp((r->>9)::float8 / 1000), NULL, now()
    FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) AS r
    ON CONFLICT ("locationId", "ghlContactId") DO UPDATE SET
      "firstName" = EXCLUDED."firstName", "lastName" = EXCLUDED."lastName", "email" = EXCLUDED."email",
      "phone" = EXCLUDED."phone", "tags" = EXCLUDED."tags", "customFields" = EXCLUDED."customFields",
      "source" = EXCLUDED."source", "dateAdded" = EXCLUDED."dateAdded", "ghlUpdatedAt" = EXCLUDED."ghlUpdatedAt",
      "pendingSince" = CASE WHEN ${replaceTies} THEN NULL ELSE "Contact"."pendingSince" END,
      "deletedAt" = NULL, "updatedAt" = now()
    WHERE "Contact"."ghlUpdatedAt" < EXCLUDED."ghlUpdatedAt"
       -- A webhook's payload awaiting confirmation: GHL's current state settles it.
       OR (${replaceTies} AND "Contact"."pendingSince" IS NOT NULL AND "Contact"."ghlUpdatedAt" <= EXCLUDED."ghlUpdatedAt")
       OR (${replaceTies} AND "Contact"."ghlUpdatedAt" = EXCLUDED."ghlUpdatedAt"
           AND ("Contact"."deletedAt" IS NOT NULL
                OR ("Contact"."firstName", "Contact"."lastName", "Contact"."email", "Contact"."phone", "Contact"."tags",
                    "Contact"."customFields", "Contact"."source")
                   IS DISTINCT FROM
                   (EXCLUDED."firstName", EXCLUDED."lastName", EXCLUDED."email", EXCLUDED."phone", EXCLUDED."tags",
                    EXCLUDED."customFields", EXCLUDED."source")))`;
}

/** Upserts a page of contacts in one statement; returns how many rows it inserted or changed. */
export async function upsertContactPage(
  tx: OrgTransaction,
  clinic: ClinicRef,
  contacts: GhlContact[],
  options: { seenAt?: Date; source: UpsertSource },
): Promise<number> {
  const statement = contactPageStatement(clinic, contacts, options);
  return statement ? tx.$executeRaw(statement) : 0;
}

/**
 * Contact webhooks as GHL sends them: no dateUpdated. The payload is stored as "pending
 * confirmation" without touching ghlUpdatedAt, which only ever holds GHL's own dateUpdated from a
 * read; the next read of the contact (the sync, the reconciliation, or the settle step of the
 * sync) replaces it with GHL's state. Among webhooks, the later timestamp wins; a webhook older
 * than GHL's stored dateUpdated changes nothing, so a late redelivery cannot undo newer data.
 */
export async function applyContactEvents(
  tx: OrgTransaction,
  clinic: ClinicRef,
  events: Array<{ contact: Omit<GhlContact, "dateUpdated">; at: Date }>,
): Promise<number> {
  if (events.length === 0) return 0;
  const rows = newestById(
    events.map(({ contact, at }) => ({
      ...contactRow({ ...contact, dateUpdated: undefined }, at),
      // A new row starts at its dateAdded (never later than GHL's real dateUpdated), so any read replaces it.
      ghlUpdatedAt: (contact.dateAdded ?? new Date(0)).toISOString(),
      dateAdded: (contact.dateAdded ?? at).toISOString(),
      eventAt: at.toISOString(),
    })),
    (r) => r.ghlContactId,
    (r) => r.eventAt,
  );
  return tx.$executeRaw`
    INSERT INTO "Contact" ("id", "organizationId", "locationId", "ghlContactId", "firstName", "lastName", "email", "phone",
                           "tags", "customFields", "source", "dateAdded", "ghlUpdatedAt", "lastEventAt", "pendingSince", "deletedAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${clinic.organizationId}, ${clinic.locationId}, r."ghlContactId", r."firstName", r."lastName",
           r."email", r."phone", ARRAY(SELECT jsonb_array_elements_text(COALESCE(r."tags", '[]'::jsonb))),
           COALESCE(r."customFields", '[]'::jsonb), r."source", r."dateAdded", r."ghlUpdatedAt", r."eventAt", r."eventAt", NULL, now()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
      "ghlContactId" text, "firstName" text, "lastName" text, "email" text, "phone" text, "tags" jsonb,
      "customFields" jsonb, "source" text, "dateAdded" timestamptz, "ghlUpdatedAt" timestamptz, "eventAt" timestamptz)
    ON CONFLICT ("locationId", "ghlContactId") DO UPDATE SET
      "firstName" = EXCLUDED."firstName", "lastName" = EXCLUDED."lastName", "email" = EXCLUDED."email",
      "phone" = EXCLUDED."phone", "tags" = EXCLUDED."tags", "customFields" = EXCLUDED."customFields",
      "source" = EXCLUDED."source", "lastEventAt" = EXCLUDED."lastEventAt", "pendingSince" = EXCLUDED."pendingSince",
      "deletedAt" = NULL, "updatedAt" = now()
    WHERE EXCLUDED."lastEventAt" > "Contact"."ghlUpdatedAt"
      AND ("Contact"."lastEventAt" IS NULL OR EXCLUDED."lastEventAt" > "Contact"."lastEventAt")`;
}

/** Contacts whose webhook payload still waits for a GHL read, oldest first. */
export async function pendingContacts(tx: OrgTransaction | OrgDb, clinic: ClinicRef, before: Date, limit: number): Promise<string[]> {
  const rows = await tx.contact.findMany({
    where: { locationId: clinic.locationId, pendingSince: { not: null, lt: before } },
    orderBy: { pendingSince: "asc" },
    take: limit,
    select: { ghlContactId: true },
  });
  return rows.map((r) => r.ghlContactId);
}

/**
 * Soft-deletes contacts GHL no longer has. The stored dateUpdated moves up to the deletion
 * time, so an older update delivered late cannot bring the contact back.
 */
export async function markContactsDeleted(tx: OrgTransaction, clinic: ClinicRef, ghlContactIds: string[], deletedAt: Date): Promise<number> {
  if (ghlContactIds.length === 0) return 0;
  return tx.$executeRaw`
    UPDATE "Contact" SET "deletedAt" = ${deletedAt}, "ghlUpdatedAt" = GREATEST("ghlUpdatedAt", ${deletedAt}), "pendingSince" = NULL, "updatedAt" = now()
    WHERE "organizationId" = ${clinic.organizationId} AND "locationId" = ${clinic.locationId}
      AND "ghlContactId" = ANY(${ghlContactIds}) AND "ghlUpdatedAt" <= ${deletedAt} AND "deletedAt" IS NULL`;
}

interface AppointmentRow {
  externalId: string;
  calendarId: string;
  ghlContactId: string | null;
  title: string | null;
  status: string;
  startTime: string;
  endTime: string;
  assignedUserId: string | null;
  notes: string | null;
  bookedAt: string | null;
  updatedAt: string;
}

export function appointmentRow(event: Omit<GhlCalendarEvent, "dateUpdated"> & { dateUpdated?: Date }, seenAt: Date): AppointmentRow {
  return {
    externalId: event.id,
    calendarId: event.calendarId,
    ghlContactId: event.contactId ?? null,
    title: event.title ?? null,
    status: event.appointmentStatus,
    startTime: event.startTime.toISOString(),
    endTime: event.endTime.toISOString(),
    assignedUserId: event.assignedUserId ?? null,
    notes: event.notes ?? null,
    bookedAt: event.dateAdded?.toISOString() ?? null,
    updatedAt: (event.dateUpdated ?? seenAt).toISOString(),
  };
}

/** Upserts a page of GHL appointments in one statement, linking each to its synced contact. */
export async function upsertAppointmentPage(
  tx: OrgTransaction,
  clinic: ClinicRef,
  events: Array<Omit<GhlCalendarEvent, "dateUpdated"> & { dateUpdated?: Date }>,
  options: { seenAt?: Date; source: UpsertSource },
): Promise<number> {
  const seenAt = options.seenAt ?? new Date();
  const replaceTies = options.source === "read";
  if (events.length === 0) return 0;
  const rows = newestById(
    events.map((e) => appointmentRow(e, seenAt)),
    (r) => r.externalId,
    (r) => r.updatedAt,
  );
  return tx.$executeRaw`
    INSERT INTO "Appointment" ("id", "organizationId", "locationId", "provider", "externalId", "calendarId", "contactId",
                               "title", "status", "startTime", "endTime", "assignedUserId", "notes", "externalUpdatedAt",
                               "bookedAt", "deletedAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${clinic.organizationId}, ${clinic.locationId}, 'ghl', r."externalId", r."calendarId",
           (SELECT c."id" FROM "Contact" c WHERE c."locationId" = ${clinic.locationId} AND c."ghlContactId" = r."ghlContactId"),
           r."title", r."status"::"AppointmentStatus", r."startTime", r."endTime", r."assignedUserId", r."notes", r."updatedAt",
           r."bookedAt", NULL, now()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
      "externalId" text, "calendarId" text, "ghlContactId" text, "title" text, "status" text, "startTime" timestamptz,
      "endTime" timestamptz, "assignedUserId" text, "notes" text, "updatedAt" timestamptz, "bookedAt" timestamptz)
    ON CONFLICT ("locationId", "provider", "externalId") DO UPDATE SET
      "bookedAt" = COALESCE(EXCLUDED."bookedAt", "Appointment"."bookedAt"),
      "calendarId" = EXCLUDED."calendarId", "contactId" = EXCLUDED."contactId", "title" = EXCLUDED."title",
      "status" = EXCLUDED."status", "startTime" = EXCLUDED."startTime", "endTime" = EXCLUDED."endTime",
      "assignedUserId" = EXCLUDED."assignedUserId", "notes" = EXCLUDED."notes",
      "externalUpdatedAt" = EXCLUDED."externalUpdatedAt", "deletedAt" = NULL, "updatedAt" = now()
    WHERE "Appointment"."externalUpdatedAt" < EXCLUDED."externalUpdatedAt"
       OR (${replaceTies} AND "Appointment"."externalUpdatedAt" = EXCLUDED."externalUpdatedAt"
           AND ("Appointment"."deletedAt" IS NOT NULL
                OR ("Appointment"."calendarId", "Appointment"."contactId", "Appointment"."title", "Appointment"."status",
                    "Appointment"."startTime", "Appointment"."endTime", "Appointment"."assignedUserId", "Appointment"."notes")
                   IS DISTINCT FROM
                   (EXCLUDED."calendarId", EXCLUDED."contactId", EXCLUDED."title", EXCLUDED."status",
                    EXCLUDED."startTime", EXCLUDED."endTime", EXCLUDED."assignedUserId", EXCLUDED."notes")))`;
}

export async function markAppointmentsDeleted(tx: OrgTransaction, clinic: ClinicRef, externalIds: string[], deletedAt: Date): Promise<number> {
  if (externalIds.length === 0) return 0;
  return tx.$executeRaw`
    UPDATE "Appointment"
    SET "deletedAt" = ${deletedAt}, "externalUpdatedAt" = GREATEST("externalUpdatedAt", ${deletedAt}), "updatedAt" = now()
    WHERE "organizationId" = ${clinic.organizationId} AND "locationId" = ${clinic.locationId} AND "provider" = 'ghl'
      AND "externalId" = ANY(${externalIds}) AND "externalUpdatedAt" <= ${deletedAt} AND "deletedAt" IS NULL`;
}

/** Appointments stored for a window that GHL no longer lists there: deleted in GHL. */
export async function findVanishedAppointments(
  tx: OrgTransaction,
  clinic: ClinicRef,
  calendarIds: string[],
  window: { from: Date; to: Date },
  seenExternalIds: string[],
): Promise<string[]> {
  if (calendarIds.length === 0) return [];
  const rows = await tx.$queryRaw<{ externalId: string }[]>`
    SELECT "externalId" FROM "Appointment"
    WHERE "organizationId" = ${clinic.organizationId} AND "locationId" = ${clinic.locationId} AND "provider" = 'ghl'
      AND "deletedAt" IS NULL AND "calendarId" = ANY(${calendarIds})
      AND "startTime" < ${window.to} AND "endTime" > ${window.from}
      AND NOT ("externalId" = ANY(${seenExternalIds}))`;
  return rows.map((r) => r.externalId);
}
