import "server-only";
import pg from "pg";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { TENANT_MODELS, isTenantModel, tenantSettings } from "@/lib/db/tenant-models";
import { HOLDABLE_STATEMENT_TAG } from "@/lib/db/connection";
import { scopeClinicArgs, type ClinicSet } from "@/lib/db/clinic-scope";
import { CREATE_OPERATIONS, READ_OPERATIONS, WHERE_OPERATIONS } from "@/lib/db/operations";

/**
 * The org-scoped client: every read and write of a tenant model gets `organizationId` added,
 * and runs inside a transaction that switches to the app's database role (no BYPASSRLS) and
 * sets `app.org_id`, so Postgres row-level security refuses other tenants' rows even when the
 * application code is wrong.
 */

export class TenantScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TenantScopeError";
  }
}

type Args = Record<string, unknown> | undefined;

// A where with an undefined value matches as if the key were absent: `{ id: undefined }` would
// find another record. Refuse it rather than widen silently.
const GUARDED_OPERATIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
]);

function withOrg(data: unknown, organizationId: string): unknown {
  if (Array.isArray(data)) return data.map((row) => withOrg(row, organizationId));
  if (data && typeof data === "object") {
    const row = data as Record<string, unknown>;
    if ("organizationId" in row && row.organizationId !== organizationId) {
      throw new TenantScopeError("a record cannot be written to another organization");
    }
    return { ...row, organizationId };
  }
  return data;
}

/** Adds organizationId to the where and data of one Prisma operation. Exported for unit tests. */
export function scopeArgs(operation: string, args: Args, organizationId: string): Args {
  const scoped: Record<string, unknown> = { ...(args ?? {}) };
  if (WHERE_OPERATIONS.has(operation)) {
    const where = (scoped.where ?? {}) as Record<string, unknown>;
    if (GUARDED_OPERATIONS.has(operation)) {
      const undefinedKey = Object.keys(where).find((key) => where[key] === undefined);
      if (undefinedKey !== undefined) throw new TenantScopeError(`where.${undefinedKey} is undefined`);
      if (operation.endsWith("Many") && Object.keys(where).length === 0) {
        throw new TenantScopeError(`${operation} needs a filter; pass one explicitly`);
      }
    }
    scoped.where = { ...where, organizationId };
  }
  if (CREATE_OPERATIONS.has(operation)) scoped.data = withOrg(scoped.data, organizationId);
  if (operation === "upsert") scoped.create = withOrg(scoped.create, organizationId);
  if (operation.startsWith("update") || operation === "upsert") {
    const data = (operation === "upsert" ? scoped.update : scoped.data) as Record<string, unknown> | undefined;
    if (data && "organizationId" in data && data.organizationId !== organizationId) {
      throw new TenantScopeError("organizationId cannot be changed");
    }
  }
  return scoped;
}

/** The organization's scope, then (for clinic staff) the member's clinics. */
function scopeAll(model: string, operation: string, args: Args, organizationId: string, clinics: ClinicSet): Args {
  if (!isTenantModel(model)) {
    throw new TenantScopeError(`${model} is not a tenant model; read it through lib/db helpers`);
  }
  return scopeClinicArgs(model, operation, scopeArgs(operation, args, organizationId), clinics);
}

function scopeExtension(organizationId: string, clinics: ClinicSet) {
  return Prisma.defineExtension({
    name: "org-scope",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          return query(scopeAll(model, operation, args as Args, organizationId, clinics) as typeof args);
        },
      },
    },
  });
}

/**
 * The tenant's settings for one transaction (see `tenantSettings`: the app role without
 * BYPASSRLS, app.org_id, JIT off), in one statement local to the transaction.
 *
 * Written with literals rather than parameters and tagged holdable: the pool's client then sends
 * it, with the transaction's BEGIN, in the round trip of the transaction's first statement
 * (BeginCoalescingClient in lib/db/connection.ts). The values are quoted by the driver's own escaping.
 */
function enterTenantSql(organizationId: string, readOnly = false) {
  const calls = tenantSettings(organizationId, readOnly).map(([name, value]) => `set_config(${pg.escapeLiteral(name)}, ${pg.escapeLiteral(value)}, true)`);
  return Prisma.raw(`${HOLDABLE_STATEMENT_TAG} SELECT ${calls.join(", ")}`);
}

function createScopedClient(base: PrismaClient, organizationId: string, clinics: ClinicSet) {
  return base.$extends(scopeExtension(organizationId, clinics));
}

type ScopedClient = ReturnType<typeof createScopedClient>;
/** The client inside `db.transaction(fn)`: scoped like OrgDb, already under the tenant's settings. */
export type OrgTransaction = Parameters<Parameters<ScopedClient["$transaction"]>[0]>[0];

/**
 * How a unit of work holds its transactions. Each commits once nothing has run in it for
 * `idleMs` (so a page that waits on GHL over HTTP holds no transaction while it waits), takes no
 * new reads once it is `maxOpenMs` old (the next read goes to another, or a fresh one), and
 * Prisma ends it after `timeoutMs` whatever happens.
 */
export const UNIT_OF_WORK = { idleMs: 1, maxOpenMs: 2_000, timeoutMs: 60_000 };

/** One read-only tenant transaction of a unit: it runs one read at a time. */
interface Lane {
  /** The transaction client, once BEGIN and the tenant's settings have run. */
  tx: OrgTransaction | null;
  /** Settles when Prisma has committed (or rolled back) and returned the connection. */
  finished: Promise<void>;
  release: () => void;
  openedAt: number;
  busy: boolean;
  /** Takes no more work: committed, committing, failed, or it never opened. */
  ended: boolean;
  /** The unit was closed while it was open: it commits as soon as no read waits for it. */
  closing: boolean;
  idleTimer: ReturnType<typeof setTimeout> | null;
}

interface PendingRead {
  run: (tx: OrgTransaction) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * The reads of one unit of work (a page render, an action, a route handler) in org-scoped
 * read-only transactions that set the role, app.org_id and READ ONLY once each, whether the
 * reads are awaited in turn or side by side (a layout and its page, a Promise.all). Reads
 * awaited in turn share one transaction. Reads that arrive while every transaction of the unit
 * is busy open another, up to `lanes` (so a page's parallel reads run in parallel, as they would
 * on the raw pool); past that they wait for the first one free. A transaction runs one read at a
 * time: a connection runs them in turn anyway, and after a read fails, Postgres refuses the
 * rest of its transaction and Prisma answers reads queued behind it with nothing rather than an
 * error, so a transaction whose read failed takes no more and its neighbours are unaffected.
 *
 * Writes are not batched: each runs in its own transaction as outside a unit, so its outcome is
 * exactly what it reports, and a read after it (read committed) sees it.
 */
class ReadUnit {
  private readonly lanes = new Set<Lane>();
  private readonly pending: PendingRead[] = [];

  constructor(
    private readonly scoped: ScopedClient,
    private readonly organizationId: string,
    private readonly maxLanes: number,
  ) {
    if (!Number.isInteger(maxLanes) || maxLanes < 1) throw new TenantScopeError("a unit of work needs at least one transaction");
  }

  run<T>(fn: (tx: OrgTransaction) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run: fn, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Hands waiting reads to free transactions, and opens more while every one is taken. */
  private dispatch() {
    for (const lane of this.lanes) {
      if (this.pending.length === 0) break;
      if (lane.tx && !lane.busy && !lane.ended) {
        if (Date.now() - lane.openedAt >= UNIT_OF_WORK.maxOpenMs) this.end(lane);
        else this.execute(lane, this.pending.shift()!);
      }
    }
    let opening = 0;
    let open = 0;
    for (const lane of this.lanes) {
      if (lane.ended) continue;
      open++;
      if (!lane.tx) opening++;
    }
    for (; this.pending.length > opening && open < this.maxLanes; opening++, open++) this.start();
  }

  private execute(lane: Lane, read: PendingRead) {
    lane.busy = true;
    if (lane.idleTimer) clearTimeout(lane.idleTimer);
    lane.idleTimer = null;
    // The lane is free again before its reader resumes: a read awaited right after this one
    // then finds it and keeps to the same transaction.
    const finish = (failed: boolean) => {
      lane.busy = false;
      if (failed) this.end(lane);
      this.dispatch();
      this.settle(lane);
    };
    read.run(lane.tx!).then(
      (value) => {
        finish(false);
        read.resolve(value);
      },
      (err: unknown) => {
        finish(true);
        read.reject(err);
      },
    );
  }

  /** A lane with nothing to do: it commits now when the unit is closing, else once idle. */
  private settle(lane: Lane) {
    if (lane.busy || lane.ended || !lane.tx) return;
    if (lane.closing) return this.end(lane);
    if (lane.idleTimer) clearTimeout(lane.idleTimer);
    lane.idleTimer = setTimeout(() => {
      if (!lane.busy) this.end(lane);
    }, UNIT_OF_WORK.idleMs);
  }

  private start() {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const lane: Lane = { tx: null, finished: Promise.resolve(), release, openedAt: Date.now(), busy: false, ended: false, closing: false, idleTimer: null };
    this.lanes.add(lane);
    lane.finished = this.scoped
      .$transaction(
        async (tx) => {
          await tx.$executeRaw(enterTenantSql(this.organizationId, true));
          lane.tx = tx;
          if (!lane.ended) {
            this.dispatch();
            this.settle(lane);
          }
          await hold;
        },
        { timeout: UNIT_OF_WORK.timeoutMs },
      )
      .catch((err: unknown) => {
        const opened = lane.tx !== null;
        lane.ended = true;
        this.lanes.delete(lane);
        // After it opened, the read that met the failure has its error already. Before: another
        // open transaction of the unit takes the waiting reads, and when there is none they get
        // the error (a new one would most likely fail alike: the database is down or the pool
        // exhausted).
        if (!opened && ![...this.lanes].some((other) => !other.ended)) {
          for (const read of this.pending.splice(0)) read.reject(err);
        }
      })
      .finally(() => {
        lane.ended = true;
        this.lanes.delete(lane);
      });
  }

  private end(lane: Lane) {
    if (lane.idleTimer) clearTimeout(lane.idleTimer);
    lane.idleTimer = null;
    if (lane.ended) return;
    lane.ended = true;
    lane.release();
  }

  /** Commits every open transaction of the unit once the reads already asked of it are done. */
  async close(): Promise<void> {
    const open = [...this.lanes];
    for (const lane of open) {
      lane.closing = true;
      this.settle(lane);
    }
    await Promise.all(open.map((lane) => lane.finished));
  }
}

function delegateOf(tx: OrgTransaction, model: string) {
  const key = model.charAt(0).toLowerCase() + model.slice(1);
  return (tx as unknown as Record<string, Record<string, (args: unknown) => Promise<unknown>>>)[key]!;
}

/**
 * `clinics` narrows the handle to a member's clinics (clinic staff); "all" is the organization
 * as a whole (owners, admins, cron and webhooks). `unitOfWork` makes the handle one unit of
 * work's (see ReadUnit): its reads share at most `lanes` transactions (`unitOfWorkLanes()` in
 * lib/db/connection.ts sizes it for the pool); without it every query runs in a transaction of
 * its own.
 */
export function createOrgClient(base: PrismaClient, organizationId: string, clinics: ClinicSet, options: { unitOfWork?: { lanes: number } } = {}) {
  if (!organizationId) throw new TenantScopeError("organizationId is required");
  if (clinics !== "all" && !Array.isArray(clinics)) throw new TenantScopeError("a member's handle needs its clinic set");
  const scoped = createScopedClient(base, organizationId, clinics);
  const unit = options.unitOfWork ? new ReadUnit(scoped, organizationId, options.unitOfWork.lanes) : null;
  const readOnly = <T>(fn: (tx: OrgTransaction) => Promise<T>): Promise<T> =>
    scoped.$transaction(async (tx) => {
      await tx.$executeRaw(enterTenantSql(organizationId, true));
      return fn(tx);
    });
  return base.$extends({
    name: "org-rls",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const scopedArgs = scopeAll(model, operation, args as Args, organizationId, clinics) as typeof args;
          // In a unit of work, a read joins its shared transaction (the scoped client there
          // adds the same scope to the arguments as given).
          if (unit && READ_OPERATIONS.has(operation)) return unit.run((tx) => delegateOf(tx, model)[operation]!(args));
          // Batch transaction: the role switch and app.org_id last exactly as long as the query.
          const [, result] = await base.$transaction([base.$executeRaw(enterTenantSql(organizationId)), query(scopedArgs)]);
          return result;
        },
      },
    },
    client: {
      organizationId,
      /**
       * Several statements in one transaction, under the same tenant settings. Use only `tx`
       * inside: the embedded database has one connection, and this transaction holds it.
       */
      transaction<T>(fn: (tx: OrgTransaction) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T> {
        return scoped.$transaction(async (tx) => {
          await tx.$executeRaw(enterTenantSql(organizationId));
          return fn(tx);
        }, options);
      },
      /**
       * Reads that need the transaction client (raw SQL), under the tenant's settings in a
       * READ ONLY transaction: in a unit of work its shared one, otherwise one of their own.
       * A write inside fails. Use only `tx` inside, as with `transaction`.
       */
      read<T>(fn: (tx: OrgTransaction) => Promise<T>): Promise<T> {
        return unit ? unit.run(fn) : readOnly(fn);
      },
      /**
       * Ends the unit of work: commits its transaction once its reads are done. The action and
       * route wrappers call it before answering; a page's ends by itself when idle. A handle
       * outside a unit of work has nothing to end.
       */
      async close(): Promise<void> {
        await unit?.close();
      },
    },
  });
}

export type OrgDb = ReturnType<typeof createOrgClient>;

export { TENANT_MODELS };

/**
 * The baseline bench:rls compares against: the same organization and clinic filters on every
 * query, with no transaction, no role switch and no row-level security (the connecting role's
 * own view). Never for application code.
 */
export function createFilterOnlyClient(base: PrismaClient, organizationId: string, clinics: ClinicSet) {
  const scoped = createScopedClient(base, organizationId, clinics);
  return scoped.$extends({
    client: {
      organizationId,
      transaction<T>(fn: (tx: OrgTransaction) => Promise<T>): Promise<T> {
        return scoped.$transaction(fn);
      },
      read<T>(fn: (tx: OrgTransaction) => Promise<T>): Promise<T> {
        return fn(scoped as unknown as OrgTransaction);
      },
      async close(): Promise<void> {},
    },
  }) as unknown as OrgDb;
}
