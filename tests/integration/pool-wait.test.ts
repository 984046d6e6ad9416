import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterEach, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { SERVER_POOL_WAIT_MS, transactionOptions } from "@/lib/db/connection";

/**
 * A busy pool makes work wait for a connection, not fail: a transaction that finds every
 * connection in use for longer than Prisma's default 2 s still runs once one is free.
 */

const url = process.env.DATABASE_URL!;
const clients: PrismaClient[] = [];

function clientOfOne(options: ReturnType<typeof transactionOptions> | undefined) {
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: SERVER_POOL_WAIT_MS });
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }), transactionOptions: options });
  clients.push(client);
  return client;
}

/** Holds the pool's one connection for `ms`, then lets a second transaction ask for it. */
async function secondTransactionWhileFirstHolds(client: PrismaClient, ms: number) {
  let started!: () => void;
  const first = client.$transaction(
    async (tx) => {
      started();
      await tx.$executeRaw`SELECT pg_sleep(${ms / 1000})`;
      return "first";
    },
    { timeout: ms + 5_000 },
  );
  await new Promise<void>((resolve) => (started = resolve));
  const second = client.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ one: number }[]>`SELECT 1 AS one`;
    return row!.one;
  });
  return Promise.allSettled([first, second]);
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.$disconnect()));
});

describe("waiting for a pooled connection", () => {
  it("runs a transaction that waited 2.5 s for the pool's only connection", async () => {
    const [first, second] = await secondTransactionWhileFirstHolds(clientOfOne(transactionOptions(url)), 2_500);
    expect(first).toEqual({ status: "fulfilled", value: "first" });
    expect(second).toEqual({ status: "fulfilled", value: 1 });
  });

  it("fails it with Prisma's default wait, which is why the default is not used", async () => {
    const [first, second] = await secondTransactionWhileFirstHolds(clientOfOne(undefined), 2_500);
    expect(first.status).toBe("fulfilled");
    expect(second.status).toBe("rejected");
    expect((second as PromiseRejectedResult).reason).toMatchObject({ code: "P2028" });
  });
});
