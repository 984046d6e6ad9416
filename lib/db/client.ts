import "server-only";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapter, transactionOptions } from "@/lib/db/connection";

/**
 * The raw Prisma client: it sees every tenant's rows. Only lib/db/ and the auth adapter use it;
 * feature code receives an org-scoped client instead.
 */
const globalForPrisma = globalThis as unknown as { sidecarPrisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.sidecarPrisma ?? new PrismaClient({ adapter: createAdapter(), transactionOptions: transactionOptions() });
globalForPrisma.sidecarPrisma = prisma;
