import pg from "pg";

type Send = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** What a multi-statement simple query answers: one result per statement, or the one. */
function lastResult(results: unknown): unknown {
  return Array.isArray(results) ? results[results.length - 1] : results;
}

/** A statement sent as is: text, no parameters, no prepared name, no cursor, no callback. */
function plainText(config: unknown, values: unknown, callback: unknown): string | null {
  if (callback !== undefined || values !== undefined) return null;
  if (typeof config === "string") return config;
  if (!config || typeof config !== "object" || "submit" in config) return null;
  const { text, values: params, name, rows } = config as { text?: unknown; values?: unknown[]; name?: unknown; rows?: unknown };
  if (typeof text !== "string" || name || rows) return null;
  return params && params.length > 0 ? null : text;
}

/**
 * A pg client that sends a transaction's BEGIN with the statement after it, in one round trip.
 * Prisma's driver adapter awaits a BEGIN of its own before the transaction's first statement
 * (for a tenant transaction, the statement that sets the role and app.org_id), so every
 * transaction otherwise pays a round trip for BEGIN alone.
 *
 * The BEGIN is answered at once and held. When the next statement has no parameters, both go as
 * one simple query ("BEGIN; …"), which Postgres runs in order and stops at the first error, so
 * that statement never runs outside the transaction. A statement with parameters cannot share a
 * simple query: BEGIN is sent first, on its own, as before.
 */
export class BeginCoalescingClient extends pg.Client {
  private isBeginHeld = false;
  /** A BEGIN sent on its own, not yet answered. */
  private beginInFlight: Promise<unknown> | null = null;

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const send = super.query.bind(this) as Send;
    this.query = ((config: unknown, values?: unknown, callback?: unknown) => this.coalesce(send, config, values, callback)) as pg.Client["query"];
  }

  /**
   * Forgets a BEGIN that no statement followed. The pool calls it on every release, so a
   * connection never hands a held BEGIN to its next user.
   */
  discardHeldBegin() {
    this.isBeginHeld = false;
  }

  private coalesce(send: Send, config: unknown, values: unknown, callback: unknown): unknown {
    if (this.beginInFlight) return sendAfter(this.beginInFlight, send, config, values, callback);
    const text = plainText(config, values, callback);
    if (!this.isBeginHeld) {
      if (text?.trim().toUpperCase() !== "BEGIN") return send(config, values, callback);
      this.isBeginHeld = true;
      return Promise.resolve({ command: "BEGIN", rowCount: null, oid: 0, rows: [], fields: [] });
    }
    this.isBeginHeld = false;
    if (text !== null) {
      const merged = typeof config === "string" ? `BEGIN;\n${text}` : { ...(config as object), text: `BEGIN;\n${text}` };
      return (send(merged) as Promise<unknown>).then(lastResult);
    }
    // Statements issued meanwhile wait behind this one, so they still reach the server in order;
    // if BEGIN fails, none of them runs.
    const begun = send("BEGIN") as Promise<unknown>;
    this.beginInFlight = begun;
    const result = sendAfter(begun, send, config, values, callback);
    const clear = () => {
      if (this.beginInFlight === begun) this.beginInFlight = null;
    };
    begun.then(clear, clear);
    return result;
  }
}

/** Sends the statement once `before` has succeeded; if it failed, the statement gets its error. */
function sendAfter(before: Promise<unknown>, send: Send, config: unknown, values: unknown, callback: unknown): unknown {
  const done = typeof callback === "function" ? callback : typeof values === "function" ? values : null;
  if (done) {
    before.then(
      () => send(config, values, callback),
      (err: unknown) => (done as (err: unknown) => void)(err),
    );
    return undefined;
  }
  return before.then(() => send(config, values));
}
