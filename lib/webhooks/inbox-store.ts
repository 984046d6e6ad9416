import "server-only";
import type { OrgDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export type WebhookSource = "ghl" | "calcom" | "stripe";

/** Where an accepted event sits in the inbox: its clinic, and the record whose order it keeps. */
export interface InboxEntry {
  locationId: string;
  recordId: string;
}

export interface InboxWrite extends InboxEntry {
  source: WebhookSource;
  deliveryId: string;
  type: string;
  /** The verified request body, as received. */
  payload: string;
}

export type StoreOutcome = "stored" | "duplicate" | "unknown-location";

/** Most deliveries one INSERT carries. */
const MAX_GROUP = 500;

interface Waiting {
  write: InboxWrite;
  resolve(outcome: StoreOutcome): void;
  reject(err: unknown): void;
}

interface OrgQueue {
  db: OrgDb;
  waiting: Waiting[];
  flushing: boolean;
}

/** Per organization: deliveries waiting for the next INSERT while one is in flight. */
const queues = new Map<string, OrgQueue>();

const isForeignKeyError = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2003";

/**
 * One statement claims the delivery ids and stores the raw events: INSERT … ON CONFLICT
 * (source, deliveryId) DO NOTHING RETURNING — a row not returned was a redelivery.
 */
async function insert(db: OrgDb, writes: InboxWrite[]): Promise<Set<string>> {
  const rows = await db.webhookInbox.createManyAndReturn({
    data: writes.map((write) => ({ ...write, organizationId: db.organizationId })),
    skipDuplicates: true,
    select: { source: true, deliveryId: true },
  });
  return new Set(rows.map((row) => `${row.source}:${row.deliveryId}`));
}

async function settle(db: OrgDb, group: Waiting[]) {
  let stored: Set<string>;
  try {
    stored = await insert(db, group.map((g) => g.write));
  } catch (err) {
    // A clinic removed since its tenant lookup fails the foreign key for the whole statement:
    // its deliveries are unknown, the others are stored on their own.
    if (isForeignKeyError(err) && group.length > 1) {
      await Promise.all(group.map((g) => settle(db, [g])));
      return;
    }
    for (const g of group) {
      if (isForeignKeyError(err)) g.resolve("unknown-location");
      else g.reject(err);
    }
    return;
  }
  for (const g of group) {
    const key = `${g.write.source}:${g.write.deliveryId}`;
    // The same delivery twice in one statement is stored once: the first to ask is told so.
    g.resolve(stored.delete(key) ? "stored" : "duplicate");
  }
}

async function flush(queue: OrgQueue) {
  queue.flushing = true;
  try {
    while (queue.waiting.length > 0) {
      await settle(queue.db, queue.waiting.splice(0, MAX_GROUP));
    }
  } finally {
    queue.flushing = false;
  }
}

/**
 * Stores one accepted delivery and resolves once it is durable. Deliveries for the same agency
 * that arrive while an INSERT is in flight go together in the next one (group commit), so a
 * burst costs one statement per group instead of one transaction per request; a lone delivery
 * is inserted at once.
 */
export function storeInInbox(db: OrgDb, write: InboxWrite): Promise<StoreOutcome> {
  return new Promise<StoreOutcome>((resolve, reject) => {
    let queue = queues.get(db.organizationId);
    if (!queue) {
      queue = { db, waiting: [], flushing: false };
      queues.set(db.organizationId, queue);
    }
    queue.waiting.push({ write, resolve, reject });
    if (!queue.flushing) {
      const q = queue;
      q.flushing = true;
      // Let the deliveries already read in this turn of the event loop join the first INSERT.
      setImmediate(() => void flush(q));
    }
  });
}
