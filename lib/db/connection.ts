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
 * A pg pool for Prisma's driver adapter. PGlite runs a single session: a second connection
 * would share it and interleave transactions, so the embedded database gets a pool of one.
 */
export function createPool(url = databaseUrl()): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: env.DATABASE_POOL_MAX ?? (isEmbeddedDatabase(url) ? 1 : 10),
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
}

export function createAdapter(url = databaseUrl()): PrismaPg {
  return new PrismaPg(createPool(url), { disposeExternalPool: true });
}
