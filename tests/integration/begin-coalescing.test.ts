import type pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { createPool, HOLDABLE_STATEMENT_TAG } from "@/lib/db/connection";

/**
 * The app's pool sends a transaction's BEGIN with its first statement when that statement has no
 * parameters (BeginCoalescingClient in lib/db/connection.ts): one round trip fewer, the same transaction.
 */

/** Whether the connection the pool hands out next is inside a transaction block. */
async function nextConnectionInTransaction() {
  const connection = await pool.connect();
  try {
    await connection.query("SELECT 1");
    const { rows } = await connection.query<{ inTransaction: boolean }>(`SELECT now() <> statement_timestamp() AS "inTransaction"`);
    return rows[0]!.inTransaction;
  } finally {
    connection.release();
  }
}

// PGlite's socket serves one connection, the suite's own: this file's pool would be a second.
const embedded = Number(process.env.DATABASE_POOL_MAX) === 1;
const pool = createPool(process.env.DATABASE_URL!, 1);
const client = new PrismaClient({ adapter: new PrismaPg(pool) });
/** Round trips: each ends with the server's ReadyForQuery. */
let roundTrips = 0;
pool.on("connect", (connection) => {
  (connection as unknown as { connection: NodeJS.EventEmitter }).connection.on("readyForQuery", () => roundTrips++);
});

describe.skipIf(embedded)("BEGIN with the transaction's first statement", () => {
  beforeAll(async () => {
    await client.$queryRaw`SELECT 1`;
  });
  beforeEach(() => {
    roundTrips = 0;
  });
  afterAll(async () => {
    await client.$disconnect();
  });

  it("saves a round trip when the first statement has no parameters, inside the same transaction", async () => {
    const value = await client.$transaction(async (tx) => {
      await tx.$executeRaw(Prisma.raw(`SELECT set_config('app.probe', 'plain', true)`));
      const [row] = await tx.$queryRaw<{ value: string }[]>`SELECT current_setting('app.probe', true) AS value`;
      return row!.value;
    });
    expect(value).toBe("plain");
    // BEGIN + set_config, the read, COMMIT.
    expect(roundTrips).toBe(3);
  });

  it("sends BEGIN with a first statement with parameters too", async () => {
    const value = await client.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.probe', ${"bound"}, true)`;
      const [row] = await tx.$queryRaw<{ value: string }[]>`SELECT current_setting('app.probe', true) AS value`;
      return row!.value;
    });
    expect(value).toBe("bound");
    expect(roundTrips).toBe(3);
  });

  it("holds a holdable statement after BEGIN and sends both with the next statement", async () => {
    const value = await client.$transaction(async (tx) => {
      await tx.$executeRaw(Prisma.raw(`${HOLDABLE_STATEMENT_TAG} SELECT set_config('app.probe', 'held', true)`));
      const [row] = await tx.$queryRaw<{ value: string }[]>`SELECT current_setting('app.probe', ${true}) AS value`;
      return row!.value;
    });
    expect(value).toBe("held");
    // BEGIN + settings + the read, then COMMIT.
    expect(roundTrips).toBe(2);
  });

  it("does not run the statement after a held one that fails, and gives it that error", async () => {
    await expect(
      client.$transaction(async (tx) => {
        await tx.$executeRaw(Prisma.raw(`${HOLDABLE_STATEMENT_TAG} SELECT set_config('role', 'no_such_role', true)`));
        await tx.$executeRaw`CREATE TEMP TABLE never_made AS SELECT ${1}::int AS n`;
      }),
    ).rejects.toThrow(/no_such_role/);
    expect(await nextConnectionInTransaction()).toBe(false);
    expect(await client.$queryRaw`SELECT to_regclass('pg_temp.never_made')::text AS made`).toEqual([{ made: null }]);
  });

  it("answers the first statement's own rows", async () => {
    const rows = await client.$transaction((tx) => tx.$queryRaw<{ one: number; two: string }[]>(Prisma.raw(`SELECT 1::int AS one, 'b' AS two`)));
    expect(rows).toEqual([{ one: 1, two: "b" }]);
  });

  it("rolls back when the first statement fails, and leaves the connection outside any transaction", async () => {
    await expect(client.$transaction((tx) => tx.$executeRaw(Prisma.raw(`SELECT 1 / 0`)))).rejects.toThrow(/division by zero/);
    expect(await nextConnectionInTransaction()).toBe(false);
    expect(await client.$queryRaw`SELECT current_setting('app.probe', true) AS value`).toEqual([{ value: expect.toBeOneOf([null, ""]) }]);
  });

  it("drops a BEGIN that no statement followed when the connection goes back to the pool", async () => {
    const connection: pg.PoolClient = await pool.connect();
    await connection.query("BEGIN");
    connection.release();
    expect(await nextConnectionInTransaction()).toBe(false);
  });

  it("keeps statements issued side by side after BEGIN in their order, inside the transaction", async () => {
    const connection: pg.PoolClient = await pool.connect();
    try {
      await connection.query("BEGIN");
      const [, seen] = await Promise.all([
        connection.query("SELECT set_config('app.probe', $1, true)", ["ordered"]),
        connection.query<{ value: string }>("SELECT current_setting('app.probe', true) AS value"),
      ]);
      expect(seen.rows).toEqual([{ value: "ordered" }]);
      await connection.query("COMMIT");
    } finally {
      connection.release();
    }
    expect(await nextConnectionInTransaction()).toBe(false);
  });

  it("commits what the transaction wrote", async () => {
    await client.$transaction(async (tx) => {
      await tx.$executeRaw(Prisma.raw(`CREATE TEMP TABLE IF NOT EXISTS coalesced_probe (n int)`));
      await tx.$executeRaw`INSERT INTO coalesced_probe VALUES (${7})`;
    });
    expect(await nextConnectionInTransaction()).toBe(false);
    expect(await client.$queryRaw`SELECT n FROM coalesced_probe`).toEqual([{ n: 7 }]);
  });
});
