import "server-only";
import { randomUUID } from "node:crypto";
import { systemDb } from "@/lib/db/system";
import { forOrg } from "@/lib/db";
import { locationApi, type LocationApi } from "@/lib/ghl/api";
import { log } from "@/lib/log";
import { CONTACT_PAGE_SIZE } from "@/lib/ghl/sync/sync-location";
import { markContactsDeleted, upsertContactPage } from "@/lib/ghl/sync/upsert";

/**
 * The nightly reconciliation of one clinic. GHL retries a failed webhook for hours, but a
 * delivery can still be lost, and the incremental sync sees changes but not deletions. This pass reads
 * every contact GHL has, repairs what differs, soft-deletes what GHL no longer has, and records
 * how many differences it found: a rising count is a health signal, not a silent fix.
 */
export async function reconcileLocation(
  clinic: { organizationId: string; locationId: string; ghlLocationId: string },
  options: { budgetMs: number; api?: LocationApi; now?: () => number },
) {
  const now = options.now ?? Date.now;
  const started = now();
  const db = forOrg(clinic.organizationId);
  const meter = { requests: 0 };
  const api = options.api ?? locationApi(clinic.organizationId, { id: clinic.locationId, ghlLocationId: clinic.ghlLocationId }, meter);
  const run = await db.syncRun.create({
    data: { id: randomUUID(), organizationId: clinic.organizationId, locationId: clinic.locationId, kind: "reconcile", startedAt: new Date(started) },
  });
  const seen = new Set<string>();
  let repaired = 0;
  let searchAfter: Array<string | number> | undefined;
  let complete = false;
  try {
    while (now() - started < options.budgetMs) {
      const page = await api.searchContacts({
        pageLimit: CONTACT_PAGE_SIZE,
        sort: [{ field: "dateUpdated", direction: "asc" }],
        ...(searchAfter ? { searchAfter } : {}),
      });
      for (const contact of page.contacts) seen.add(contact.id);
      repaired += await db.transaction((tx) => upsertContactPage(tx, clinic, page.contacts, { seenAt: new Date(now()), source: "read" }));
      searchAfter = page.contacts.at(-1)?.searchAfter;
      if (page.contacts.length < CONTACT_PAGE_SIZE || !searchAfter) {
        complete = true;
        break;
      }
    }
    let deleted = 0;
    // Absence means deletion only once GHL's whole list was read.
    if (complete) {
      const stored = await db.contact.findMany({ where: { locationId: clinic.locationId, deletedAt: null }, select: { ghlContactId: true } });
      const gone = stored.map((c) => c.ghlContactId).filter((id) => !seen.has(id));
      deleted = await db.transaction((tx) => markContactsDeleted(tx, clinic, gone, new Date(now())));
    }
    const drift = repaired + deleted;
    await db.syncRun.update({
      where: { id: run.id },
      data: {
        status: complete ? "completed" : "partial",
        finishedAt: new Date(now()),
        durationMs: now() - started,
        contactsUpserted: repaired,
        contactsDeleted: deleted,
        requests: meter.requests,
        driftFound: drift,
      },
    });
    if (complete) {
      await db.locationSync.upsert({
        where: { locationId: clinic.locationId },
        create: { locationId: clinic.locationId, organizationId: clinic.organizationId, reconciledAt: new Date(now()), lastDriftCount: drift },
        update: { reconciledAt: new Date(now()), lastDriftCount: drift },
      });
    }
    return { runId: run.id, complete, drift, repaired, deleted, requests: meter.requests };
  } catch (err) {
    log.warn({ err, locationId: clinic.locationId }, "reconciliation failed");
    await db.syncRun.update({
      where: { id: run.id },
      data: { status: "failed", finishedAt: new Date(now()), durationMs: now() - started, errorCount: 1, errors: [String(err).slice(0, 500)], requests: meter.requests },
    });
    return { runId: run.id, complete: false, drift: 0, repaired, deleted: 0, requests: meter.requests, error: String(err) };
  }
}

/** Every clinic of every connected agency, least recently reconciled first (for the nightly cron). */
export async function unsafeListLocationsToReconcile() {
  const locations = await systemDb("cron.fan-out").location.findMany({
    where: { organization: { ghlConnection: { is: { uninstalledAt: null } } }, ghlUninstalledAt: null },
    select: { id: true, organizationId: true, ghlLocationId: true, sync: { select: { reconciledAt: true } } },
  });
  return locations.sort((a, b) => (a.sync?.reconciledAt?.getTime() ?? 0) - (b.sync?.reconciledAt?.getTime() ?? 0));
}

export async function runReconciliations(now: Date, budgetMs: number) {
  const deadline = now.getTime() + budgetMs;
  const results = [];
  for (const location of await unsafeListLocationsToReconcile()) {
    const left = deadline - Date.now();
    if (left < 2_000) break;
    results.push(
      await reconcileLocation({ organizationId: location.organizationId, locationId: location.id, ghlLocationId: location.ghlLocationId }, { budgetMs: left }),
    );
  }
  return { reconciled: results.filter((r) => r.complete).length, drift: results.reduce((sum, r) => sum + r.drift, 0) };
}
