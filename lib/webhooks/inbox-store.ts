import "server-only";
import { randomBytes } from "node:crypto";
import type { OrgDb } from "@/lib/db";
import { runTenantStatement } from "@/lib/db/tenant-statement";

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

/**
 * INSERTs of one organization in flight at once. One at a time made a burst wait on the round
 * trips of each statement in turn; a few at once keep the connection pool busy while each still
 * carries whatever arrived meanwhile. Their order among themselves does not matter: the drain
 * orders by receivedAt, and every upsert compares the events' own timestamps.
 */
const MAX_INSERTS_IN_FLIGHT = 4;

interface OrgQueue {
  organizationId: string;
  waiting: Waiting[];
  inFlight: number;
  scheduled: boolean;
}

/** Per organization: deliveries waiting for the next INSERT while others are in flight. */
const queues = new Map<string, OrgQueue>();

const FOREIGN_KEY_VIOLATION = "23503";
const isForeignKeyError = (err: unknown) => (err as { code?: unknown } | null)?.code === FOREIGN_KEY_VIOLATION;

/**
 * Inbox ids that sort in the order this process stored them: the drain takes a clinic's events by
 * (receivedAt, id), and the events of one INSERT share its receivedAt, so the id keeps their order
 * (two updates of one contact in one group apply oldest first). Time, then a counter, then
 * randomness for uniqueness across processes; lower-case base 36 throughout, so text order is
 * the same in every collation.
 */
let lastIdTime = 0;
let idCounter = 0;
function inboxId(now = Date.now()): string {
  if (now > lastIdTime) {
    lastIdTime = now;
    idCounter = 0;
  }
  const counter = idCounter++;
  const random = randomBytes(8).readBigUInt64BE().toString(36).padStart(13, "0");
  return `w${lastIdTime.toString(36).padStart(9, "0")}${counter.toString(36).padStart(5, "0")}${random}`;
}

/**
 * One statement claims the delivery ids and stores the raw events, one array parameter per
 * column: INSERT … ON CONFLICT (source, deliveryId) DO NOTHING RETURNING — a row not returned was
 * a redelivery. It goes to the pool directly, under the tenant's row-level security
 * (lib/db/tenant-statement.ts): Prisma's compilation of a many-row createMany cost more CPU than
 * the rest of the request.
 */
const INSERT_INBOX = `
  INSERT INTO "WebhookInbox" ("id", "organizationId", "locationId", "source", "deliveryId", "type", "recordId", "payload")
  SELECT w."id", $1, w."locationId", w."source", w."deliveryId", w."type", w."recordId", w."payload"
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
    AS w("id", "locationId", "source", "deliveryId", "type", "recordId", "payload")
  ON CONFLICT ("source", "deliveryId") DO NOTHING
  RETURNING "source", "deliveryId"`;

async function insert(organizationId: string, writes: InboxWrite[]): Promise<Set<string>> {
  const columns: string[][] = [[], [], [], [], [], [], []];
  const [ids, locations, sources, deliveries, types, records, payloads] = columns as [string[], string[], string[], string[], string[], string[], string[]];
  const now = Date.now();
  for (const write of writes) {
    ids.push(inboxId(now));
    locations.push(write.locationId);
    sources.push(write.source);
    deliveries.push(write.deliveryId);
    types.push(write.type);
    records.push(write.recordId);
    payloads.push(write.payload);
  }
  const rows = await runTenantStatement<{ source: string; deliveryId: string }>(organizationId, {
    name: "sidecar-webhook-inbox-insert",
    text: INSERT_INBOX,
    values: [organizationId, ...columns],
  });
  return new Set(rows.map((row) => `${row.source}:${row.deliveryId}`));
}

async function settle(organizationId: string, group: Waiting[]) {
  let stored: Set<string>;
  try {
    stored = await insert(organizationId, group.map((g) => g.write));
  } catch (err) {
    // A clinic removed since its tenant lookup fails the foreign key for the whole statement:
    // its deliveries are unknown, the others are stored on their own.
    if (isForeignKeyError(err) && group.length > 1) {
      await Promise.all(group.map((g) => settle(organizationId, [g])));
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

/** Starts INSERTs for what waits, up to MAX_INSERTS_IN_FLIGHT; each one done starts the next. */
function pump(queue: OrgQueue) {
  while (queue.inFlight < MAX_INSERTS_IN_FLIGHT && queue.waiting.length > 0) {
    const group = queue.waiting.splice(0, MAX_GROUP);
    queue.inFlight++;
    settle(queue.organizationId, group)
      .catch((err: unknown) => {
        for (const g of group) g.reject(err);
      })
      .finally(() => {
        queue.inFlight--;
        pump(queue);
      });
  }
  if (queue.inFlight === 0 && queue.waiting.length === 0 && !queue.scheduled) queues.delete(queue.organizationId);
}

/**
 * Stores one accepted delivery and resolves once it is durable. Deliveries for the same agency
 * that arrive while INSERTs are in flight go together in the next one (group commit), so a
 * burst costs one statement per group instead of one transaction per request; a lone delivery
 * is inserted at once.
 */
export function storeInInbox(db: OrgDb, write: InboxWrite): Promise<StoreOutcome> {
  return new Promise<StoreOutcome>((resolve, reject) => {
    let queue = queues.get(db.organizationId);
    if (!queue) {
      queue = { organizationId: db.organizationId, waiting: [], inFlight: 0, scheduled: false };
      queues.set(db.organizationId, queue);
    }
    queue.waiting.push({ write, resolve, reject });
    if (!queue.scheduled) {
      const q = queue;
      q.scheduled = true;
      // Let the deliveries already read in this turn of the event loop join the same INSERT.
      setImmediate(() => {
        q.scheduled = false;
        pump(q);
      });
    }
  });
}
