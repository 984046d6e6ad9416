import "server-only";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapter } from "@/lib/db/connection";

/**
 * The raw Prisma client: it sees every tenant's rows. Lint lets only the database layer
 * (lib/db, whose org-scoped client and named cross-tenant needs wrap it), the dev runner, the
 * demo seed and tests import it; feature code gets `forOrg(id)` or `systemDb(need)`.
 */
const globalForPrisma = globalThis as unknown as { sidecarPrisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.sidecarPrisma ?? new PrismaClient({ adapter: createAdapter() });
globalForPrisma.sidecarPrisma = prisma;
