import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { APP_DB_ROLE, TENANT_MODELS, isTenantModel } from "@/lib/db/tenant-models";
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
 * The tenant's settings for one transaction: the app role (no BYPASSRLS) and app.org_id, both
 * local to the transaction. JIT is off too: tenant queries are short, and Postgres would spend
 * longer compiling the odd statement it misprices than running it.
 */
function enterTenantSql(organizationId: string, readOnly = false) {
  return readOnly
    ? Prisma.sql`SELECT set_config('role', ${APP_DB_ROLE}, true), set_config('app.org_id', ${organizationId}, true), set_config('jit', 'off', true), set_config('transaction_read_only', 'on', true)`
    : Prisma.sql`SELECT set_config('role', ${APP_DB_ROLE}, true), set_config('app.org_id', ${organizationId}, true), set_config('jit', 'off', true)`;
}

function createScopedClient(base: PrismaClient, organizationId: string, clinics: ClinicSet) {
  return base.$extends(scopeExtension(organizationId, clinics));
}

type ScopedClient = ReturnType<typeof createScopedClient>;
/** The client inside `db.transaction(fn)`: scoped like OrgDb, already under the tenant's settings. */
export type OrgTransaction = Parameters<Parameters<ScopedClient["$transaction"]>[0]>[0];

/**
 * How a unit of work holds its transaction. It commits once nothing has run in it for `idleMs`
 * (so a page that waits on GHL over HTTP holds no transaction while it waits), takes no new
 * reads once it is `maxOpenMs` old (the next read opens a fresh one), and Prisma ends it after
 * `timeoutMs` whatever happens.
 */
export const UNIT_OF_WORK = { idleMs: 1, maxOpenMs: 2_000, timeoutMs: 60_000 };

interface SharedTransaction {
  /** The transaction client, once BEGIN and the tenant's settings have run. */
  ready: Promise<OrgTransaction>;
  /** Settles when Prisma has committed (or rolled back) and returned the connection. */
  finished: Promise<void>;
  release: () => void;
  openedAt: number;
  inflight: number;
  /** A statement failed in it: Postgres refuses the rest, so it takes no new work. */
  failed: boolean;
  retired: boolean;
  /** The reads run one after another: each waits for this, then replaces it. */
  queue: Promise<void>;
  idleTimer: ReturnType<typeof setTimeout> | null;
}

/**
 * The reads of one unit of work (a page render, an action, a route handler) in one org-scoped
 * transaction: BEGIN, the role, app.org_id and READ ONLY once, then every read of the unit,
 * whether awaited in turn or side by side (a layout and its page, a Promise.all). Writes are not
 * batched: each runs in its own transaction as outside a unit, so its outcome is exactly what it
 * reports, and a read after it (read committed) sees it.
 */
class ReadUnit {
  private current: SharedTransaction | null = null;
  private readonly open = new Set<SharedTransaction>();

  constructor(
    private readonly scoped: ScopedClient,
    private readonly organizationId: string,
  ) {}

  private start(): SharedTransaction {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    let resolveReady!: (tx: OrgTransaction) => void;
    let rejectReady!: (err: unknown) => void;
    const ready = new Promise<OrgTransaction>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    const shared: SharedTransaction = { ready, finished: Promise.resolve(), release, openedAt: Date.now(), inflight: 0, failed: false, retired: false, queue: Promise.resolve(), idleTimer: null };
    shared.finished = this.scoped
      .$transaction(
        async (tx) => {
          await tx.$executeRaw(enterTenantSql(this.organizationId, true));
          resolveReady(tx);
          await hold;
        },
        { timeout: UNIT_OF_WORK.timeoutMs },
      )
      .catch((err: unknown) => {
        // Before it opened: the reads waiting for it get the error. After: a read saw it already.
        shared.failed = true;
        rejectReady(err);
      })
      .finally(() => {
        this.open.delete(shared);
        if (this.current === shared) this.current = null;
      });
    this.open.add(shared);
    return shared;
  }

  private acquire(): SharedTransaction {
    const current = this.current;
    if (current && !current.failed && Date.now() - current.openedAt < UNIT_OF_WORK.maxOpenMs) {
      if (current.idleTimer) clearTimeout(current.idleTimer);
      current.idleTimer = null;
      current.inflight++;
      return current;
    }
    if (current) this.retire(current);
    const shared = this.start();
    this.current = shared;
    shared.inflight++;
    return shared;
  }

  /** Takes no new work; commits as soon as what runs in it is done. */
  private retire(shared: SharedTransaction) {
    shared.retired = true;
    if (this.current === shared) this.current = null;
    if (shared.inflight === 0) this.end(shared);
  }

  private end(shared: SharedTransaction) {
    if (shared.idleTimer) clearTimeout(shared.idleTimer);
    shared.idleTimer = null;
    if (this.current === shared) this.current = null;
    shared.release();
  }

  private done(shared: SharedTransaction) {
    shared.inflight--;
    if (shared.inflight > 0) return;
    if (shared.retired || shared.failed) return this.end(shared);
    shared.idleTimer = setTimeout(() => {
      if (shared.inflight === 0) this.end(shared);
    }, UNIT_OF_WORK.idleMs);
  }

  /**
   * Runs `fn` in the unit's transaction, one read at a time: the connection runs them in turn
   * anyway, and a read that fails aborts the transaction, after which Prisma answers the reads
   * queued behind it in the same transaction with nothing rather than an error. In turn, a read
   * that finds its transaction failed moves to a fresh one instead.
   */
  async run<T>(fn: (tx: OrgTransaction) => Promise<T>): Promise<T> {
    for (;;) {
      const shared = this.acquire();
      const previous = shared.queue;
      let next!: () => void;
      shared.queue = new Promise<void>((resolve) => (next = resolve));
      try {
        await previous;
        if (shared.failed) continue;
        const tx = await shared.ready;
        return await fn(tx);
      } catch (err) {
        shared.failed = true;
        throw err;
      } finally {
        next();
        this.done(shared);
      }
    }
  }

  /** Commits every open transaction of the unit once its reads are done. */
  async close(): Promise<void> {
    const open = [...this.open];
    for (const shared of open) this.retire(shared);
    await Promise.all(open.map((s) => s.finished));
  }
}

function delegateOf(tx: OrgTransaction, model: string) {
  const key = model.charAt(0).toLowerCase() + model.slice(1);
  return (tx as unknown as Record<string, Record<string, (args: unknown) => Promise<unknown>>>)[key]!;
}

/**
 * `clinics` narrows the handle to a member's clinics (clinic staff); "all" is the organization
 * as a whole (owners, admins, cron and webhooks). `unitOfWork` makes the handle one unit of
 * work's (see ReadUnit): its reads share a transaction; without it every query runs in a
 * transaction of its own.
 */
export function createOrgClient(base: PrismaClient, organizationId: string, clinics: ClinicSet, options: { unitOfWork?: boolean } = {}) {
  if (!organizationId) throw new TenantScopeError("organizationId is required");
  if (clinics !== "all" && !Array.isArray(clinics)) throw new TenantScopeError("a member's handle needs its clinic set");
  const scoped = createScopedClient(base, organizationId, clinics);
  const unit = options.unitOfWork ? new ReadUnit(scoped, organizationId) : null;
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
