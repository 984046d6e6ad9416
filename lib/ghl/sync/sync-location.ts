import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { forOrg, refreshPlannerStatistics, type OrgDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { locationApi, type LocationApi } from "@/lib/ghl/api";
import { observedLimits } from "@/lib/ghl/config";
import { describeSyncFailure, type SyncFailure } from "@/lib/ghl/sync/failure";
import { GhlReconnectRequiredError } from "@/lib/ghl/tokens";
import { log } from "@/lib/log";
import { GhlHttpError } from "@/lib/ghl/http";
import {
  findVanishedAppointments,
  markAppointmentsDeleted,
  markContactsDeleted,
  pendingContacts,
  upsertAppointmentPage,
  upsertContactPage,
  type ClinicRef,
} from "@/lib/ghl/sync/upsert";

/**
 * The incremental sync of one clinic. Contacts come from GHL's search sorted by dateUpdated,
 * starting a little before the last stored high-water mark; each page is upserted together
 * with the position reached, so a run cut off by its time budget (or killed) resumes from the
 * same place on the next tick. Appointments from a day back to 30 days ahead are re-read each
 * run, and the ones GHL no longer lists are marked deleted.
 */

export const CONTACT_PAGE_SIZE = 500;
/** GHL's search index lags writes by seconds: re-read this much before the high-water mark. */
export const CURSOR_OVERLAP_MS = 5 * 60_000;
const APPOINTMENTS_BACK_MS = 86_400_000;
const APPOINTMENTS_AHEAD_MS = 30 * 86_400_000;
const LEASE_MARGIN_MS = 60_000;
/** A first sync of a large clinic: the appointments that follow are linked to these contacts. */
const BULK_LOAD_ROWS = 5_000;

const ZScanState = z.object({
  since: z.string().nullable(),
  searchAfter: z.array(z.union([z.string(), z.number()])).nullable(),
  maxSeen: z.string().nullable(),
});
type ScanState = z.output<typeof ZScanState>;

export interface SyncOutcome {
  runId: string;
  status: "completed" | "partial" | "failed" | "skipped";
  contactsUpserted: number;
  appointmentsUpserted: number;
  appointmentsDeleted: number;
  requests: number;
  durationMs: number;
  error?: string;
}

export interface SyncOptions {
  /** Stop starting new pages after this many milliseconds (the position is saved). */
  budgetMs: number;
  now?: () => number;
  /** Replaces the GHL client, e.g. to count or break calls in tests. */
  api?: LocationApi;
}

interface Clinic extends ClinicRef {
  ghlLocationId: string;
}

/** Takes the clinic's lease; false when another runner holds it. */
async function acquireLease(db: OrgDb, clinic: Clinic, runId: string, until: Date): Promise<boolean> {
  await db.locationSync.createMany({ data: [{ locationId: clinic.locationId, organizationId: clinic.organizationId }], skipDuplicates: true });
  const { count } = await db.locationSync.updateMany({
    where: { locationId: clinic.locationId, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: new Date() } }] },
    data: { leaseOwner: runId, leaseExpiresAt: until },
  });
  return count === 1;
}

async function syncContacts(db: OrgDb, api: LocationApi, clinic: Clinic, deadline: number, now: () => number) {
  const sync = await db.locationSync.findUniqueOrThrow({ where: { locationId: clinic.locationId } });
  const resumed = ZScanState.safeParse(sync.scanState);
  const cursor = sync.contactsCursorAt;
  let state: ScanState = resumed.success
    ? resumed.data
    : {
        since: cursor ? new Date(cursor.getTime() - CURSOR_OVERLAP_MS).toISOString() : null,
        searchAfter: null,
        maxSeen: cursor?.toISOString() ?? null,
      };
  let upserted = 0;
  let pending = fetchContactPage(api, state);
  for (;;) {
    const page = await pending;
    const contacts = page.contacts;
    const last = contacts.at(-1);
    const pageMax = contacts.reduce<string | null>((max, c) => {
      const at = c.dateUpdated?.toISOString() ?? null;
      return at && (!max || at > max) ? at : max;
    }, state.maxSeen);
    const complete = contacts.length < CONTACT_PAGE_SIZE || !last?.searchAfter;
    const next: ScanState = { since: state.since, searchAfter: last?.searchAfter ?? null, maxSeen: pageMax };
    const inBudget = now() < deadline;
    // The next page is read while this one is stored: the sync then runs at GHL's pace, not
    // at GHL's plus the database's. A page read but not stored (budget spent, store failed) is
    // only a request wasted: the saved position still points at it.
    if (!complete && inBudget) {
      pending = fetchContactPage(api, next);
      pending.catch(() => undefined);
    }
    // The page and the position reached are stored together: resuming never skips a page.
    upserted += await db.transaction(async (tx) => {
      const changed = await upsertContactPage(tx, clinic, contacts, { seenAt: new Date(now()), source: "read" });
      await tx.locationSync.update({
        where: { locationId: clinic.locationId },
        data: complete
          ? { scanState: Prisma.DbNull, contactsCursorAt: pageMax ? new Date(pageMax) : sync.contactsCursorAt }
          : { scanState: next },
      });
      return changed;
    });
    if (complete) return { upserted, complete: true };
    if (!inBudget) return { upserted, complete: false };
    state = next;
  }
}

/** Contact webhooks settled per run by reading the contact (the scan settles the rest). */
export const SETTLE_PER_RUN = 50;

/**
 * Contacts whose webhook payload waits for confirmation and that the scan did not read (their
 * GHL dateUpdated is older than the scan's window, e.g. a late redelivery): each is read from
 * GHL and GHL's state stored. One GHL says is gone is marked deleted.
 */
async function settlePendingContacts(db: OrgDb, api: LocationApi, clinic: Clinic, before: Date): Promise<number> {
  const ids = await pendingContacts(db, clinic, before, SETTLE_PER_RUN);
  let settled = 0;
  for (const id of ids) {
    try {
      const { contact } = await api.getContact(id);
      settled += await db.transaction((tx) => upsertContactPage(tx, clinic, [contact], { source: "read" }));
    } catch (err) {
      if (!(err instanceof GhlHttpError) || err.status !== 404) throw err;
      settled += await db.transaction((tx) => markContactsDeleted(tx, clinic, [id], new Date()));
    }
  }
  return settled;
}

function fetchContactPage(api: LocationApi, state: ScanState) {
  return api.searchContacts({
    pageLimit: CONTACT_PAGE_SIZE,
    sort: [{ field: "dateUpdated", direction: "asc" }],
    ...(state.since ? { filters: [{ field: "dateUpdated", operator: "range", value: { gte: state.since } }] } : {}),
    ...(state.searchAfter ? { searchAfter: state.searchAfter } : {}),
  });
}

async function syncAppointments(db: OrgDb, api: LocationApi, clinic: Clinic, now: () => number) {
  const at = now();
  const window = { from: new Date(at - APPOINTMENTS_BACK_MS), to: new Date(at + APPOINTMENTS_AHEAD_MS) };
  const { calendars } = await api.listCalendars();
  await db.transaction(async (tx) => {
    for (const calendar of calendars) {
      await tx.calendar.upsert({
        where: { locationId_ghlCalendarId: { locationId: clinic.locationId, ghlCalendarId: calendar.id } },
        create: {
          organizationId: clinic.organizationId,
          locationId: clinic.locationId,
          ghlCalendarId: calendar.id,
          name: calendar.name,
          isActive: calendar.isActive,
          slotDurationMinutes: calendar.slotDuration ?? null,
        },
        update: { name: calendar.name, isActive: calendar.isActive, slotDurationMinutes: calendar.slotDuration ?? null },
      });
    }
  });
  const active = calendars.filter((c) => c.isActive);
  let upserted = 0;
  const seen: string[] = [];
  for (const calendar of active) {
    const { events } = await api.listEvents(calendar.id, window.from, window.to);
    seen.push(...events.map((e) => e.id));
    upserted += await db.transaction((tx) => upsertAppointmentPage(tx, clinic, events, { seenAt: new Date(now()), source: "read" }));
  }
  // Only after every calendar was read in full can absence mean deletion.
  const deleted = await db.transaction(async (tx) => {
    const vanished = await findVanishedAppointments(tx, clinic, active.map((c) => c.id), window, seen);
    return markAppointmentsDeleted(tx, clinic, vanished, new Date(now()));
  });
  return { upserted, deleted };
}

/** Runs one sync of one clinic, recording a SyncRun and the clinic's health. */
export async function syncLocation(clinic: Clinic, options: SyncOptions): Promise<SyncOutcome> {
  const now = options.now ?? Date.now;
  const started = now();
  const runId = randomUUID();
  const db = forOrg(clinic.organizationId);
  const empty = { contactsUpserted: 0, appointmentsUpserted: 0, appointmentsDeleted: 0, requests: 0 };
  if (!(await acquireLease(db, clinic, runId, new Date(started + options.budgetMs + LEASE_MARGIN_MS)))) {
    return { runId, status: "skipped", ...empty, durationMs: 0 };
  }
  const meter = { requests: 0 };
  const api = options.api ?? locationApi(clinic.organizationId, { id: clinic.locationId, ghlLocationId: clinic.ghlLocationId }, meter);
  const run = await db.syncRun.create({
    data: { id: runId, organizationId: clinic.organizationId, locationId: clinic.locationId, kind: "incremental", startedAt: new Date(started) },
  });
  let outcome: SyncOutcome;
  let failureDetail: string | undefined;
  try {
    const contacts = await syncContacts(db, api, clinic, started + options.budgetMs, now);
    if (contacts.upserted >= BULK_LOAD_ROWS) await refreshPlannerStatistics("Contact");
    if (contacts.complete) contacts.upserted += await settlePendingContacts(db, api, clinic, new Date(started));
    const appointments = contacts.complete ? await syncAppointments(db, api, clinic, now) : { upserted: 0, deleted: 0 };
    outcome = {
      runId,
      status: contacts.complete ? "completed" : "partial",
      contactsUpserted: contacts.upserted,
      appointmentsUpserted: appointments.upserted,
      appointmentsDeleted: appointments.deleted,
      requests: meter.requests,
      durationMs: now() - started,
    };
  } catch (err) {
    log.warn({ err, locationId: clinic.locationId, runId }, "sync failed");
    const failure = describeSyncFailure(err, { organizationId: clinic.organizationId, locationId: clinic.locationId });
    failureDetail = failure.recorded;
    outcome = { runId, status: "failed", ...empty, requests: meter.requests, durationMs: now() - started, error: failure.shown };
    await recordFailure(db, clinic, err, failure);
  }
  await db.syncRun.update({
    where: { id: run.id },
    data: {
      status: outcome.status === "skipped" ? "failed" : outcome.status,
      finishedAt: new Date(now()),
      durationMs: outcome.durationMs,
      contactsUpserted: outcome.contactsUpserted,
      appointmentsUpserted: outcome.appointmentsUpserted,
      appointmentsDeleted: outcome.appointmentsDeleted,
      requests: outcome.requests,
      errorCount: outcome.error ? 1 : 0,
      errors: outcome.error ? [failureDetail ?? outcome.error] : undefined,
    },
  });
  const limits = observedLimits.get(clinic.ghlLocationId);
  await db.locationSync.updateMany({
    where: { locationId: clinic.locationId, leaseOwner: runId },
    data: {
      leaseOwner: null,
      leaseExpiresAt: null,
      ...(outcome.status !== "failed"
        ? { health: "healthy", lastSyncedAt: new Date(now()), lastError: null, consecutiveFailures: 0 }
        : {}),
      ...(limits
        ? { rateLimitRemaining: limits.remaining ?? null, rateLimitDailyRemaining: limits.dailyRemaining ?? null, rateLimitObservedAt: limits.at }
        : {}),
    },
  });
  return outcome;
}

/** One or two failures in a row: degraded; three, or access revoked: error. */
async function recordFailure(db: OrgDb, clinic: Clinic, err: unknown, failure: SyncFailure) {
  const sync = await db.locationSync.findUnique({ where: { locationId: clinic.locationId } });
  const failures = (sync?.consecutiveFailures ?? 0) + 1;
  await db.locationSync.update({
    where: { locationId: clinic.locationId },
    data: {
      consecutiveFailures: failures,
      lastError: failure.shown,
      health: err instanceof GhlReconnectRequiredError || failures >= 3 ? "error" : "degraded",
    },
  });
}
