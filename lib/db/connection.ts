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
export function createPool(url = databaseUrl()): pg.Pool {
  const embedded = isEmbeddedDatabase(url);
  return new pg.Pool({
    connectionString: url,
    max: env.DATABASE_POOL_MAX ?? (embedded ? 1 : 10),
    connectionTimeoutMillis: embedded ? EMBEDDED_QUEUE_WAIT_MS : SERVER_POOL_WAIT_MS,
    // The embedded connection is cheap to keep and costly to reopen under a queue.
    idleTimeoutMillis: embedded ? 0 : 30_000,
  });
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
