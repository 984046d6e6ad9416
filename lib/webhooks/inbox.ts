import "server-only";
import { randomUUID } from "node:crypto";
import { forOrg, type OrgDb, type OrgTransaction } from "@/lib/db";
import { systemDb } from "@/lib/db/system";
import { log } from "@/lib/log";
import type { WebhookSource } from "@/lib/webhooks/inbox-store";

/**
 * The drain: applies what the acknowledge path stored in the webhook inbox.
 *
 * - Any number of drains may run at once (in-process loops, cron, QStash jobs, several servers).
 *   One clinic's events are drained by one of them at a time: its batch transaction holds a
 *   transaction-level advisory lock on the clinic, and the rows it takes are locked
 *   `FOR UPDATE SKIP LOCKED`.
 * - A batch is one transaction: take up to `batchSize` of the clinic's events, oldest first, apply
 *   them (one upsert statement per kind of record), mark them applied. A drain that dies half-way
 *   leaves nothing applied and nothing marked; the next drain does the whole batch again. So every
 *   event is applied exactly once, whatever stops in between.
 * - A batch that fails is retried in halves down to the failing event, so one bad event cannot
 *   hold back the others.
 *   A failing event backs off (doubling from RETRY_BASE_MS) and is dead-lettered after
 *   `maxAttempts`; until then the later events of the same record wait behind it, so each record's
 *   events apply in the order they arrived.
 * - An event whose record must be read from the provider again (a tie GHL's coarse timestamps
 *   cannot settle) is applied, marked `reread`, and read afterwards outside any transaction.
 */

export const DEFAULT_BATCH_SIZE = 1_000;
export const DEFAULT_MAX_ATTEMPTS = 8;
export const RETRY_BASE_MS = 5_000;
export const MAX_RETRY_MS = 10 * 60_000;
/** A re-read taken by one drain is not taken by another for this long. */
export const REREAD_LEASE_MS = 60_000;
/** Applied events are kept this long (the delivery-id claim guards replays while they are), then pruned. */
export const KEEP_DONE_MS = 14 * 24 * 60 * 60_000;

export interface InboxRow {
  id: string;
  deliveryId: string;
  type: string;
  recordId: string;
  payload: string;
  attempts: number;
  receivedAt: Date;
}

export interface InboxClinic {
  organizationId: string;
  locationId: string;
}

export interface InboxItem<E> {
  row: InboxRow;
  event: E;
}

/** What one source's events do when drained. */
export interface InboxProcessor<E> {
  source: WebhookSource;
  /** A stored body back to its event; throws for one that can never apply (dead-lettered at once). */
  parse(payload: string): E;
  /**
   * Applies one clinic's batch inside `tx`, oldest first. Returns the ids of the rows whose
   * record must be read from the provider again.
   */
  apply(tx: OrgTransaction, clinic: InboxClinic, items: InboxItem<E>[]): Promise<Set<string>>;
  /** Settles a tie by reading the record from the provider: outside any transaction. */
  reread(db: OrgDb, clinic: InboxClinic, item: InboxItem<E>): Promise<void>;
}

export interface DrainOptions {
  now?: () => Date;
  batchSize?: number;
  maxAttempts?: number;
  /** Stop starting batches after this long. */
  budgetMs?: number;
  /** Only this clinic (a QStash job names one). */
  clinic?: InboxClinic;
  /** At most this many batches (a QStash job runs one). */
  maxBatches?: number;
  /** Test hook: runs inside a batch's transaction after its writes, before it commits. */
  beforeCommit?: (clinic: InboxClinic, rows: InboxRow[]) => Promise<void> | void;
}

export interface DrainSummary {
  batches: number;
  applied: number;
  reread: number;
  retried: number;
  dead: number;
  /** Clinics another drain was busy with. */
  busy: number;
}

export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 900);

/**
 * What a failed attempt keeps in `lastError`: a reference, logged with the error, and the
 * technical detail. Pages and the queue show only the reference (lib/webhooks/inbox-reference.ts).
 */
function recordFailureDetail(err: unknown, context: Record<string, unknown>): string {
  const reference = randomUUID().slice(0, 8);
  log.warn({ err, reference, ...context }, "webhook inbox event failed");
  return `${reference}: ${message(err)}`;
}


/** Clinics with events ready to drain, the longest-waiting first (identifiers only). */
export async function clinicsWithWork(source: WebhookSource, now: Date, limit = 50): Promise<Array<InboxClinic & { rereads: boolean }>> {
  const groups = await systemDb("webhooks.inbox-drain").webhookInbox.groupBy({
    by: ["organizationId", "locationId", "status"],
    where: { source, status: { in: ["pending", "reread"] }, availableAt: { lte: now } },
    _min: { receivedAt: true },
    orderBy: { _min: { receivedAt: "asc" } },
    take: limit * 2,
  });
  const clinics = new Map<string, InboxClinic & { rereads: boolean }>();
  for (const g of groups) {
    const clinic = clinics.get(g.locationId) ?? { organizationId: g.organizationId, locationId: g.locationId, rereads: false };
    if (g.status === "reread") clinic.rereads = true;
    clinics.set(g.locationId, clinic);
  }
  return [...clinics.values()].slice(0, limit);
}

/** Takes the clinic for this transaction, or answers false when another drain has it. */
async function lockClinic(tx: OrgTransaction, locationId: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ locked: boolean }[]>`
    SELECT pg_try_advisory_xact_lock(hashtextextended(${`webhook-inbox:${locationId}`}, 0)) AS locked`;
  return row?.locked === true;
}

async function takeBatch(tx: OrgTransaction, source: WebhookSource, locationId: string, now: Date, limit: number, only?: string[]): Promise<InboxRow[]> {
  return tx.$queryRaw<InboxRow[]>`
    SELECT i."id", i."deliveryId", i."type", i."recordId", i."payload", i."attempts", i."receivedAt"
    FROM "WebhookInbox" i
    WHERE i."locationId" = ${locationId} AND i."source" = ${source} AND i."status" = 'pending' AND i."availableAt" <= ${now}
      AND (${only ? 1 : 0}::int = 0 OR i."id" = ANY(${only ?? []}::text[]))
      AND NOT EXISTS (
        SELECT 1 FROM "WebhookInbox" p
        WHERE p."locationId" = i."locationId" AND p."recordId" = i."recordId" AND p."status" = 'pending'
          AND p."availableAt" > ${now} AND (p."receivedAt", p."id") < (i."receivedAt", i."id"))
    ORDER BY i."receivedAt", i."id"
    LIMIT ${limit}
    FOR UPDATE OF i SKIP LOCKED`;
}

type Outcome = { kind: "empty" } | { kind: "busy" } | { kind: "applied"; applied: number; reread: number; dead: number };

/** One batch of one clinic in one transaction. Throws when applying fails (nothing is then kept). */
async function applyBatch<E>(processor: InboxProcessor<E>, clinic: InboxClinic, now: Date, options: DrainOptions, only?: string[]): Promise<Outcome> {
  const db = forOrg(clinic.organizationId);
  return db.transaction(
    async (tx) => {
      if (!(await lockClinic(tx, clinic.locationId))) return { kind: "busy" } as const;
      const rows = await takeBatch(tx, processor.source, clinic.locationId, now, options.batchSize ?? DEFAULT_BATCH_SIZE, only);
      if (rows.length === 0) return { kind: "empty" } as const;
      const items: InboxItem<E>[] = [];
      const malformed: { id: string; error: string }[] = [];
      for (const row of rows) {
        try {
          items.push({ row, event: processor.parse(row.payload) });
        } catch (err) {
          malformed.push({ id: row.id, error: recordFailureDetail(new Error(`the stored event cannot be read: ${message(err)}`), { inboxId: row.id }) });
        }
      }
      const reread = items.length ? await processor.apply(tx, clinic, items) : new Set<string>();
      const applied = items.map((i) => i.row.id);
      const rereadIds = applied.filter((id) => reread.has(id));
      // Joined to the ids as a set, so each row is found by its primary key: with `id = ANY(…)`
      // and a table whose statistics lag behind a burst, Postgres scanned every row of the agency.
      await tx.$executeRaw`
        UPDATE "WebhookInbox" AS i
        SET "status" = (CASE WHEN i."id" = ANY(${rereadIds}::text[]) THEN 'reread' ELSE 'done' END)::"InboxStatus",
            "attempts" = i."attempts" + 1, "processedAt" = clock_timestamp(), "lastError" = NULL
        FROM unnest(${applied}::text[]) AS a("id")
        WHERE i."id" = a."id"`;
      for (const bad of malformed) {
        await tx.$executeRaw`
          UPDATE "WebhookInbox" SET "status" = 'dead', "attempts" = "attempts" + 1, "lastError" = ${bad.error}, "processedAt" = ${now}
          WHERE "id" = ${bad.id}`;
      }
      await options.beforeCommit?.(clinic, rows);
      return { kind: "applied", applied: applied.length, reread: rereadIds.length, dead: malformed.length } as const;
    },
    { timeout: 60_000 },
  );
}

/** Records a failed attempt of one event: back off, or dead-letter it after the last attempt. */
async function recordFailure(clinic: InboxClinic, id: string, err: unknown, now: Date, maxAttempts: number): Promise<"retried" | "dead"> {
  const db = forOrg(clinic.organizationId);
  const row = await db.webhookInbox.findUnique({ where: { id }, select: { attempts: true } });
  const attempts = (row?.attempts ?? 0) + 1;
  const dead = attempts >= maxAttempts;
  await db.webhookInbox.update({
    where: { id },
    data: {
      attempts,
      lastError: recordFailureDetail(err, { inboxId: id, attempts, dead }),
      ...(dead ? { status: "dead", processedAt: now } : { availableAt: new Date(now.getTime() + retryDelayMs(attempts)) }),
    },
  });
  return dead ? "dead" : "retried";
}

/**
 * After a batch failed: its events again in halves, depth first and oldest first, down to the
 * event that fails on its own, so the good ones apply and the bad one is set aside. Halves keep
 * the order one event at a time would: a failed event backs off before anything after it is
 * tried, and takeBatch then holds back the later events of its record. A batch with one bad event
 * costs about 2·log₂(n) transactions instead of n.
 */
async function applyAfterFailure<E>(processor: InboxProcessor<E>, clinic: InboxClinic, now: Date, options: DrainOptions, summary: DrainSummary) {
  const rows = await forOrg(clinic.organizationId).webhookInbox.findMany({
    where: { locationId: clinic.locationId, source: processor.source, status: "pending", availableAt: { lte: now } },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    take: options.batchSize ?? DEFAULT_BATCH_SIZE,
    select: { id: true },
  });
  await applyInHalves(processor, clinic, now, options, summary, rows.map((row) => row.id));
}

async function applyInHalves<E>(processor: InboxProcessor<E>, clinic: InboxClinic, now: Date, options: DrainOptions, summary: DrainSummary, ids: string[]) {
  if (ids.length === 0) return;
  try {
    const outcome = await applyBatch(processor, clinic, now, options, ids);
    if (outcome.kind === "applied") {
      summary.applied += outcome.applied;
      summary.reread += outcome.reread;
      summary.dead += outcome.dead;
    }
  } catch (err) {
    if (ids.length === 1) {
      const result = await recordFailure(clinic, ids[0]!, err, now, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
      summary[result] += 1;
      return;
    }
    const middle = Math.ceil(ids.length / 2);
    await applyInHalves(processor, clinic, now, options, summary, ids.slice(0, middle));
    await applyInHalves(processor, clinic, now, options, summary, ids.slice(middle));
  }
}

/** Ties of one clinic: read each record again, outside any transaction, under a short lease. */
async function settleRereads<E>(processor: InboxProcessor<E>, clinic: InboxClinic, now: Date, options: DrainOptions, summary: DrainSummary) {
  const db = forOrg(clinic.organizationId);
  const leaseUntil = new Date(now.getTime() + REREAD_LEASE_MS);
  const rows = await db.transaction((tx) =>
    tx.$queryRaw<InboxRow[]>`
      UPDATE "WebhookInbox" SET "availableAt" = ${leaseUntil}
      WHERE "id" IN (
        SELECT "id" FROM "WebhookInbox"
        WHERE "locationId" = ${clinic.locationId} AND "source" = ${processor.source} AND "status" = 'reread' AND "availableAt" <= ${now}
        ORDER BY "receivedAt" LIMIT 50 FOR UPDATE SKIP LOCKED)
      RETURNING "id", "deliveryId", "type", "recordId", "payload", "attempts", "receivedAt"`,
  );
  for (const row of rows) {
    try {
      await processor.reread(db, clinic, { row, event: processor.parse(row.payload) });
      await db.webhookInbox.update({ where: { id: row.id }, data: { status: "done", lastError: null } });
    } catch (err) {
      const result = await recordFailure(clinic, row.id, err, now, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
      summary[result] += 1;
    }
  }
}

/**
 * Drains the inbox of one source until nothing is ready or the budget is spent. Safe to run
 * anywhere, any number of times at once.
 */
export async function drainInbox<E>(processor: InboxProcessor<E>, options: DrainOptions = {}): Promise<DrainSummary> {
  const clock = options.now ?? (() => new Date());
  const started = Date.now();
  const budgetMs = options.budgetMs ?? 30_000;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  const summary: DrainSummary = { batches: 0, applied: 0, reread: 0, retried: 0, dead: 0, busy: 0 };
  const withinBudget = () => Date.now() - started < budgetMs && summary.batches < maxBatches;
  while (withinBudget()) {
    const now = clock();
    const clinics = options.clinic ? [{ ...options.clinic, rereads: true }] : await clinicsWithWork(processor.source, now);
    if (clinics.length === 0) break;
    let progressed = false;
    for (const { rereads, ...clinic } of clinics) {
      if (!withinBudget()) break;
      let settle = rereads;
      try {
        const outcome = await applyBatch(processor, clinic, now, options);
        if (outcome.kind === "busy") summary.busy += 1;
        if (outcome.kind === "applied") {
          summary.batches += 1;
          summary.applied += outcome.applied;
          summary.reread += outcome.reread;
          summary.dead += outcome.dead;
          if (outcome.reread > 0) settle = true;
          progressed = true;
        }
      } catch (err) {
        log.warn({ err, source: processor.source, locationId: clinic.locationId }, "webhook inbox batch failed; applying its events in halves");
        summary.batches += 1;
        await applyAfterFailure(processor, clinic, now, options, summary);
        settle = true;
        progressed = true;
      }
      if (settle) await settleRereads(processor, clinic, now, options, summary);
    }
    // Only clinics another drain holds, or events backing off: nothing more to do here now.
    if (!progressed) break;
  }
  return summary;
}

/** Removes applied events past their keeping time. */
export async function pruneInbox(source: WebhookSource, now: Date): Promise<number> {
  const { count } = await systemDb("webhooks.inbox-drain").webhookInbox.deleteMany({
    where: { source, status: "done", processedAt: { lt: new Date(now.getTime() - KEEP_DONE_MS) } },
  });
  return count;
}
