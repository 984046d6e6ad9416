import "server-only";
import { randomUUID } from "node:crypto";
import { forOrg, type OrgDb } from "@/lib/db";
import { log } from "@/lib/log";
import type { CalcomClient } from "@/lib/calcom/api";
import { applyBookingFacts, factsFromBooking } from "@/lib/calcom/bookings";
import { calcomClientFor } from "@/lib/calcom/connection";
import { unsafeListCalcomConnections } from "@/lib/calcom/unsafe";

/**
 * The nightly repair of one agency's Cal.com bookings. Cal.com gives up on a webhook after
 * failures and never replays what it dropped, so every night Sidecar reads the bookings changed
 * since its last complete pass (cursor pagination, oldest change first), applies each through
 * the webhook's own path, and records how many differed: a rising count is a health signal.
 */

/** Re-read a little before the last pass, so a change landing during it is not skipped. */
const OVERLAP_MS = 60 * 60_000;
/** The first pass reaches back this far. */
const FIRST_PASS_MS = 30 * 86_400_000;
const LEASE_MS = 5 * 60_000;
const PAGE_SIZE = 100;

async function takeLease(db: OrgDb, owner: string, now: Date): Promise<boolean> {
  const won = await db.calcomConnection.updateMany({
    where: { organizationId: db.organizationId, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }] },
    data: { leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + LEASE_MS) },
  });
  return won.count === 1;
}

export async function reconcileCalcom(db: OrgDb, options: { budgetMs: number; client?: CalcomClient; now?: () => number }) {
  const now = options.now ?? Date.now;
  const started = now();
  const owner = randomUUID();
  if (!(await takeLease(db, owner, new Date(started)))) return { skipped: "leased" as const, complete: false, drift: 0, read: 0 };
  const connection = await db.calcomConnection.findUniqueOrThrow({ where: { organizationId: db.organizationId } });
  let read = 0;
  let drift = 0;
  let complete = false;
  try {
    const client = options.client ?? (await calcomClientFor(db)).client;
    const since = new Date((connection.reconciledAt?.getTime() ?? started - FIRST_PASS_MS + OVERLAP_MS) - OVERLAP_MS);
    let cursor: string | undefined;
    while (now() - started < options.budgetMs) {
      const page = await client.listBookings({ afterUpdatedAt: since, cursor, take: PAGE_SIZE });
      for (const booking of page.bookings) {
        read += 1;
        // The old half of a reschedule: its successor, also listed, carries the move.
        if (booking.rescheduledToUid) continue;
        const { outcome } = await applyBookingFacts(db, factsFromBooking(booking));
        if (outcome === "created" || outcome === "updated" || outcome === "moved") drift += 1;
      }
      if (!page.nextCursor) {
        complete = true;
        break;
      }
      cursor = page.nextCursor;
    }
    await db.calcomConnection.update({
      where: { organizationId: db.organizationId },
      data: {
        leaseOwner: null,
        leaseExpiresAt: null,
        lastReconcileError: null,
        ...(complete ? { reconciledAt: new Date(started), lastDriftCount: drift } : {}),
      },
    });
    return { complete, drift, read };
  } catch (err) {
    log.warn({ err, organizationId: db.organizationId }, "Cal.com reconciliation failed");
    await db.calcomConnection.update({
      where: { organizationId: db.organizationId },
      data: { leaseOwner: null, leaseExpiresAt: null, lastReconcileError: "The nightly check could not read Cal.com's bookings; it runs again tomorrow." },
    });
    return { complete: false, drift, read, error: String(err) };
  }
}

export async function runCalcomReconciliations(now: Date, budgetMs: number) {
  const deadline = now.getTime() + budgetMs;
  let reconciled = 0;
  let drift = 0;
  for (const connection of await unsafeListCalcomConnections()) {
    const left = deadline - Date.now();
    if (left < 2_000) break;
    const result = await reconcileCalcom(forOrg(connection.organizationId), { budgetMs: left });
    if (result.complete) reconciled += 1;
    drift += result.drift;
  }
  return { reconciled, drift };
}
