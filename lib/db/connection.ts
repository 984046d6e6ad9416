import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";

/** The embedded database (PGlite behind pglite-socket) that `npm run dev` starts when DATABASE_URL is unset. */
export function embeddedDatabaseUrl(port = env.EMBEDDED_DB_PORT): string {
  return `postgresql://postgres@127.0.0.1:${port}/postgres`;
}

export function databaseUrl(): string {
  return env.DATABASE_URL ?? embeddedDatabaseUrl();
}

export function isEmbeddedDatabase(url = databaseUrl()): boolean {
  return url === embeddedDatabaseUrl();
}

/**
 * How long work waits for the embedded database's one connection. Every org-scoped query is a
 * short transaction, so with a few people signed in the connection is busy most of the time:
 * work queues for it (the pg pool serves waiters in order) instead of failing after Prisma's
 * default 2 s. Long enough for a queue of a handful of users; finite, so a transaction that
 * waits for itself (a query through the outer client inside `transaction`) still ends in an error.
 */
export const EMBEDDED_QUEUE_WAIT_MS = 60_000;

/** How many connections the app's pool holds: one for the embedded database (see createPool). */
export function poolMax(url = databaseUrl()): number {
  return env.DATABASE_POOL_MAX ?? (isEmbeddedDatabase(url) ? 1 : 10);
}

/**
 * How many transactions one unit of work (a page render, an action) may hold at once for reads
 * that arrive together: a third of the pool, at most 3, so a handful of requests side by side
 * still find connections free. One on a pool under six, the embedded database's pool of one
 * among them: its single session then runs every read of a unit in one transaction.
 */
export function unitOfWorkLanes(max = poolMax()): number {
  return Math.max(1, Math.min(3, Math.floor(max / 3)));
}

/**
 * How long a transaction waits for a pooled connection of a database server. Prisma's default
 * (2 s) turned a busy moment into a failed page: with five people signed in to `npm run dev`
 * on a local Postgres, the platform agency page answered 500 (P2028) while every connection
 * was in use for a few seconds. Waiting longer serves the page a little later instead.
 */
export const SERVER_POOL_WAIT_MS = 10_000;

/**
 * A pg pool for Prisma's driver adapter. PGlite runs a single session: a second connection
 * would share it and interleave transactions, so the embedded database gets a pool of one,
 * and callers queue for it.
 */
export function createPool(url = databaseUrl(), max = poolMax(url)): pg.Pool {
  const embedded = isEmbeddedDatabase(url);
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: embedded ? EMBEDDED_QUEUE_WAIT_MS : SERVER_POOL_WAIT_MS,
    // The embedded connection is cheap to keep and costly to reopen under a queue.
    idleTimeoutMillis: embedded ? 0 : 30_000,
    // A transaction's BEGIN and settings travel with its first statement (see BeginCoalescingClient).
    Client: BeginCoalescingClient as unknown as new () => pg.ClientBase,
  });
  pool.on("release", (_err: Error | undefined, client: pg.PoolClient) => (client as unknown as BeginCoalescingClient).discardHeldStatements());
  return pool;
}

/**
 * Prisma's defaults for transactions on this database: a transaction waits for a connection at
 * most `maxWait` (Prisma's default is 2 s, which a queue for the embedded database's single
 * connection, or a briefly exhausted pool, outlasts: P2028) and runs at most `timeout`
 * (Prisma's default, 5 s, on a server).
 */
export function transactionOptions(url = databaseUrl()): { maxWait: number; timeout: number } {
  return isEmbeddedDatabase(url)
    ? { maxWait: EMBEDDED_QUEUE_WAIT_MS, timeout: 30_000 }
    : { maxWait: SERVER_POOL_WAIT_MS, timeout: 5_000 };
}

export function createAdapter(url = databaseUrl()): PrismaPg {
  return new PrismaPg(createPool(url), { disposeExternalPool: true });
}

type Send = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Marks a statement whose answer the caller never reads (a transaction's settings: the role,
 * app.org_id). Right after BEGIN, the client may hold it and send it with the next statement.
 */
export const HOLDABLE_STATEMENT_TAG = "/* holdable */";

/** pg's wire messages, as its Query class writes them (not in pg's public types). */
interface WireConnection {
  parse(message: { text: string; name: string; types: unknown[] }): void;
  bind(message: { portal: string; statement: string; values: unknown[] }): void;
  describe(message: { type: "P"; name: string }): void;
  execute(message: { portal: string; rows: number }): void;
}
type QueryConstructor = new (config: unknown, values?: unknown) => { prepare(connection: WireConnection): void; requiresPreparation(): boolean };

/**
 * A query that first runs `prefix` (BEGIN, the transaction's settings), all in one message group
 * with one Sync: Postgres answers in one round trip, and once a statement of the group fails it
 * skips the rest, so the query never runs outside its transaction or without its settings.
 */
function prefixedQuery(prefix: string[]) {
  const Base = pg.Query as unknown as QueryConstructor;
  return class PrefixedQuery extends Base {
    override requiresPreparation() {
      return true;
    }
    override prepare(connection: WireConnection) {
      for (const text of prefix) {
        connection.parse({ text, name: "", types: [] });
        connection.bind({ portal: "", statement: "", values: [] });
        connection.describe({ type: "P", name: "" });
        connection.execute({ portal: "", rows: 0 });
      }
      super.prepare(connection);
    }
  };
}

/** The answer to the caller's own statement: the last of the group's results. */
function lastResult(results: unknown): unknown {
  return Array.isArray(results) ? results[results.length - 1] : results;
}

/** The text of a statement as the driver adapter sends it: a config object or a string, no callback, no cursor. */
function statementText(config: unknown, values: unknown, callback: unknown): { text: string; hasParameters: boolean } | null {
  if (callback !== undefined || typeof values === "function") return null;
  if (typeof config === "string") return { text: config, hasParameters: Array.isArray(values) && values.length > 0 };
  if (!config || typeof config !== "object" || "submit" in config) return null;
  const { text, values: params, name, rows } = config as { text?: unknown; values?: unknown[]; name?: unknown; rows?: unknown };
  if (typeof text !== "string" || name || rows) return null;
  return { text, hasParameters: (params?.length ?? 0) > 0 || (Array.isArray(values) && values.length > 0) };
}

/**
 * A pg client that sends a transaction's BEGIN, and its settings, with the statement after them,
 * in one round trip. Prisma's driver adapter awaits a BEGIN of its own, then the org-scoped client
 * awaits the statement that sets the role and app.org_id, before the transaction's first real
 * statement: without this each transaction pays two round trips before any work.
 *
 * BEGIN is answered at once and held; so is a statement tagged HOLDABLE_STATEMENT_TAG right after
 * it (answered as one row). The next statement goes out behind them in one message group
 * (prefixedQuery): if BEGIN or the settings fail, it does not run, and it gets their error.
 */
export class BeginCoalescingClient extends pg.Client {
  private held: string[] = [];

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const send = super.query.bind(this) as Send;
    this.query = ((config: unknown, values?: unknown, callback?: unknown) => this.coalesce(send, config, values, callback)) as pg.Client["query"];
  }

  /**
   * Forgets statements held for a transaction that sent nothing after them. The pool calls it on
   * every release, so a connection never hands them to its next user.
   */
  discardHeldStatements() {
    this.held = [];
  }

  private coalesce(send: Send, config: unknown, values: unknown, callback: unknown): unknown {
    const statement = statementText(config, values, callback);
    if (this.held.length === 0) {
      if (statement?.text.trim().toUpperCase() !== "BEGIN" || statement.hasParameters) return send(config, values, callback);
      this.held = ["BEGIN"];
      return Promise.resolve({ command: "BEGIN", rowCount: null, oid: 0, rows: [], fields: [] });
    }
    if (statement && !statement.hasParameters && this.held.length === 1 && statement.text.startsWith(HOLDABLE_STATEMENT_TAG)) {
      this.held.push(statement.text);
      return Promise.resolve({ command: "SELECT", rowCount: 1, oid: 0, rows: [], fields: [] });
    }
    const prefix = this.held;
    this.held = [];
    if (!statement) {
      // A form the adapter never uses (a callback, a cursor): the held statements go first, on their own.
      const begun = send(prefix.join(";\n")) as Promise<unknown>;
      const done = typeof callback === "function" ? callback : typeof values === "function" ? values : null;
      if (done) {
        begun.then(
          () => send(config, values, callback),
          (err: unknown) => (done as (err: unknown) => void)(err),
        );
        return undefined;
      }
      return begun.then(() => send(config, values));
    }
    const Prefixed = prefixedQuery(prefix);
    const query = new Prefixed(typeof config === "string" ? { text: config, values } : config);
    return new Promise((resolve, reject) => {
      (query as unknown as { callback: (err: unknown, res: unknown) => void }).callback = (err, res) => (err ? reject(err) : resolve(lastResult(res)));
      send(query);
    });
  }
}
