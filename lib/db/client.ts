import "server-only";
import type pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createPool, transactionOptions } from "@/lib/db/connection";

/**
 * The raw Prisma client: it sees every tenant's rows. Lint lets only the database layer
 * (lib/db, whose org-scoped client and named cross-tenant needs wrap it), the dev runner, the
 * demo seed and tests import it; feature code gets `forOrg(id)` or `systemDb(need)`.
 */
const globalForPrisma = globalThis as unknown as { sidecarPrisma?: PrismaClient; sidecarPool?: pg.Pool };

/**
 * The connection pool under the Prisma client. lib/db/tenant-statement.ts sends its statements
 * through the same pool, so the embedded database's single connection stays single.
 */
export const pool: pg.Pool = globalForPrisma.sidecarPool ?? createPool();
globalForPrisma.sidecarPool = pool;

export const prisma: PrismaClient =
  globalForPrisma.sidecarPrisma ?? new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }), transactionOptions: transactionOptions() });
globalForPrisma.sidecarPrisma = prisma;
