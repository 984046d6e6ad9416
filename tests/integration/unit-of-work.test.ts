import type pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createPool } from "@/lib/db/connection";
import { createOrgClient } from "@/lib/db/org-client";
import { APP_DB_ROLE } from "@/lib/db/tenant-models";
import { prisma, resetDatabase } from "../support/db";
import { seedContact, seedLocation, seedOrg } from "../support/factories";

/**
 * The unit of work: one read-only tenant transaction for the reads of a page render, an action
 * or a route handler, on a pool where connections are reused by other tenants straight after.
 */

const url = process.env.DATABASE_URL!;
const embedded = Number(process.env.DATABASE_POOL_MAX) === 1;

/** A client on a pool of `max` connections, made as the app makes its own (lib/db/connection.ts). */
function clientWithPool(max: number, at = url) {
  const pool = createPool(at, max);
  return { pool, client: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

const ONE = { unitOfWork: { lanes: 1 } };

let orgA: { id: string };
let orgB: { id: string };
const contactsA: string[] = [];
const contactsB: string[] = [];
let connectingRole: string;

beforeAll(async () => {
  await resetDatabase();
  orgA = await seedOrg();
  orgB = await seedOrg();
  const [locationA, locationB] = [await seedLocation(orgA.id), await seedLocation(orgB.id)];
  for (let i = 0; i < 3; i++) {
    contactsA.push((await seedContact(locationA)).id);
    contactsB.push((await seedContact(locationB)).id);
  }
  const [row] = await prisma.$queryRaw<{ role: string }[]>`SELECT current_user AS role`;
  connectingRole = row!.role;
});

type Seen = { org: string | null; role: string; now: Date; readOnly: string };
const settings = (db: ReturnType<typeof createOrgClient>) =>
  db.read(async (tx) => {
    const [row] = await tx.$queryRaw<Seen[]>`
      SELECT current_setting('app.org_id', true) AS org, current_user AS role, now() AS now, current_setting('transaction_read_only') AS "readOnly"`;
    return row!;
  });

/** What each connection of the pool carries once the work is done: checked on every one at once. */
async function pooledSessions(pool: pg.Pool, max: number) {
  const clients = await Promise.all(Array.from({ length: max }, () => pool.connect()));
  try {
    return await Promise.all(
      clients.map(async (c) => {
        const { rows } = await c.query<{ org: string | null; role: string; readOnly: string; inTransaction: boolean }>(
          `SELECT current_setting('app.org_id', true) AS org, current_user AS role, current_setting('transaction_read_only') AS "readOnly",
                  now() <> statement_timestamp() AS "inTransaction"`,
        );
        return rows[0]!;
      }),
    );
  } finally {
    for (const c of clients) c.release();
  }
}

describe.skipIf(embedded)("a unit of work on a pool of two, tenants interleaved", () => {
  const { pool, client } = clientWithPool(2);
  afterAll(async () => {
    await client.$disconnect();
  });

  it.each([1, 2])("gives each tenant only its rows and settings, and leaves no setting on a pooled connection (%i transactions per unit)", async (lanes) => {
    for (let round = 0; round < 15; round++) {
      const unitA = createOrgClient(client, orgA.id, "all", { unitOfWork: { lanes } });
      const unitB = createOrgClient(client, orgB.id, "all", { unitOfWork: { lanes } });
      // Single queries outside a unit, on the same two connections, in between.
      const plainA = createOrgClient(client, orgA.id, "all");
      const plainB = createOrgClient(client, orgB.id, "all");
      const work = [
        unitA.contact.findMany({ select: { id: true, organizationId: true } }),
        unitB.contact.findMany({ select: { id: true, organizationId: true } }),
        plainB.contact.findMany({ select: { id: true, organizationId: true } }),
        unitA.read((tx) => tx.$queryRaw<{ id: string; organizationId: string }[]>`SELECT id, "organizationId" FROM "Contact"`),
        plainA.contact.findMany({ select: { id: true, organizationId: true } }),
        unitB.read((tx) => tx.$queryRaw<{ id: string; organizationId: string }[]>`SELECT id, "organizationId" FROM "Contact"`),
        unitA.contact.findUnique({ where: { id: contactsB[round % 3]! }, select: { id: true, organizationId: true } }).then((c) => (c ? [c] : [])),
        unitB.contact.findUnique({ where: { id: contactsA[round % 3]! }, select: { id: true, organizationId: true } }).then((c) => (c ? [c] : [])),
      ];
      const owners = [orgA.id, orgB.id, orgB.id, orgA.id, orgA.id, orgB.id, orgA.id, orgB.id];
      const [seenA, seenB, results] = await Promise.all([settings(unitA), settings(unitB), Promise.all(work)]);
      results.forEach((rows, i) => {
        for (const row of rows) expect(row.organizationId).toBe(owners[i]);
      });
      expect(results[0]!.map((r) => r.id).sort()).toEqual([...contactsA].sort());
      expect(results[1]!.map((r) => r.id).sort()).toEqual([...contactsB].sort());
      expect(results[6]).toEqual([]);
      expect(results[7]).toEqual([]);
      expect({ org: seenA.org, role: seenA.role, readOnly: seenA.readOnly }).toEqual({ org: orgA.id, role: APP_DB_ROLE, readOnly: "on" });
      expect({ org: seenB.org, role: seenB.role, readOnly: seenB.readOnly }).toEqual({ org: orgB.id, role: APP_DB_ROLE, readOnly: "on" });
      await Promise.all([unitA.close(), unitB.close()]);
    }
    for (const session of await pooledSessions(pool, 2)) {
      expect(session).toEqual({ org: expect.toBeOneOf([null, ""]), role: connectingRole, readOnly: "off", inTransaction: false });
    }
  });

  it("runs the reads of one unit in one transaction: awaited in turn, side by side, model reads and raw", async () => {
    const unit = createOrgClient(client, orgA.id, "all", ONE);
    const first = await settings(unit);
    await unit.location.findMany();
    const [second, , third] = await Promise.all([settings(unit), unit.contact.count(), settings(unit)]);
    await unit.close();
    expect(second.now).toEqual(first.now);
    expect(third.now).toEqual(first.now);
    // Closed: the next read is a new transaction, under the same tenant.
    const after = await settings(unit);
    expect(after.now.getTime()).toBeGreaterThan(first.now.getTime());
    expect(after.org).toBe(orgA.id);
    await unit.close();
  });

  it("spreads reads that arrive together over at most its transactions, each under the tenant's settings; reads in turn share one", async () => {
    const { pool: wide, client: wideClient } = clientWithPool(4);
    try {
      const unit = createOrgClient(wideClient, orgA.id, "all", { unitOfWork: { lanes: 3 } });
      // Each read holds its transaction until three run at once: one transaction would never get there.
      let running = 0;
      let mostAtOnce = 0;
      let openGate!: () => void;
      const gate = new Promise<void>((resolve) => (openGate = resolve));
      const held = () =>
        unit.read(async (tx) => {
          mostAtOnce = Math.max(mostAtOnce, ++running);
          if (running === 3) openGate();
          await gate;
          const [row] = await tx.$queryRaw<Array<Seen & { backend: number }>>`
            SELECT current_setting('app.org_id', true) AS org, current_user AS role, now() AS now,
                   current_setting('transaction_read_only') AS "readOnly", pg_backend_pid() AS backend`;
          running--;
          return row!;
        });
      const seen = await Promise.all(Array.from({ length: 6 }, held));
      expect(mostAtOnce).toBe(3);
      expect(new Set(seen.map((s) => s.backend)).size).toBe(3);
      for (const s of seen) expect({ org: s.org, role: s.role, readOnly: s.readOnly }).toEqual({ org: orgA.id, role: APP_DB_ROLE, readOnly: "on" });
      // Rows of the tenant only, whichever transaction a read lands in.
      const counts = await Promise.all(Array.from({ length: 6 }, () => unit.contact.findMany({ select: { organizationId: true } })));
      for (const rows of counts) expect(rows.map((r) => r.organizationId)).toEqual([orgA.id, orgA.id, orgA.id]);
      // Awaited in turn, reads keep to one transaction.
      const first = await settings(unit);
      const second = await settings(unit);
      expect(second.now).toEqual(first.now);
      await unit.close();
      for (const session of await pooledSessions(wide, 4)) {
        expect(session).toEqual({ org: expect.toBeOneOf([null, ""]), role: connectingRole, readOnly: "off", inTransaction: false });
      }
    } finally {
      await wideClient.$disconnect();
    }
  });

  it("gives the reads the error when no transaction can open, instead of waiting for ever", async () => {
    const { client: nowhere } = clientWithPool(3, "postgresql://postgres@127.0.0.1:9/none");
    try {
      const unit = createOrgClient(nowhere, orgA.id, "all", { unitOfWork: { lanes: 3 } });
      const outcomes = await Promise.allSettled([unit.contact.count(), unit.location.findMany(), settings(unit), unit.contact.findFirst()]);
      expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected", "rejected"]);
      await unit.close();
    } finally {
      await nowhere.$disconnect();
    }
  });

  it("commits by itself when idle, so nothing holds a transaction while the page waits on the network", async () => {
    const unit = createOrgClient(client, orgA.id, "all", ONE);
    const first = await settings(unit);
    // A GHL call over HTTP: the unit is idle, its transaction ends meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 25));
    for (const session of await pooledSessions(pool, 2)) expect(session.inTransaction).toBe(false);
    const second = await settings(unit);
    expect(second.now.getTime()).toBeGreaterThan(first.now.getTime());
    await unit.close();
  });

  it("refuses writes inside a read, and a failing read does not fail the reads beside it", async () => {
    const unit = createOrgClient(client, orgA.id, "all", ONE);
    await expect(unit.read((tx) => tx.$executeRaw`UPDATE "Contact" SET "firstName" = 'x'`)).rejects.toThrow(/read-only/);
    const [bad, good, count] = await Promise.allSettled([
      unit.read((tx) => tx.$queryRaw`SELECT 1 / 0`),
      unit.contact.findMany({ select: { id: true } }),
      unit.contact.count(),
    ]);
    expect(bad.status).toBe("rejected");
    expect(good).toMatchObject({ status: "fulfilled" });
    expect(count).toEqual({ status: "fulfilled", value: 3 });
    expect((await prisma.contact.findMany({ where: { firstName: "x" } })).length).toBe(0);
    await unit.close();
  });

  it("runs writes in their own transaction: what they report is stored, and the unit's next read sees it", async () => {
    const unit = createOrgClient(client, orgA.id, "all", ONE);
    const before = await unit.contact.findUniqueOrThrow({ where: { id: contactsA[0]! } });
    await unit.contact.update({ where: { id: contactsA[0]! }, data: { firstName: "Renamed" } });
    expect((await unit.contact.findUniqueOrThrow({ where: { id: contactsA[0]! } })).firstName).toBe("Renamed");
    // Stored for everyone else too, before the unit ends.
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: contactsA[0]! } })).firstName).toBe("Renamed");
    await expect(unit.contact.update({ where: { id: contactsB[0]! }, data: { firstName: "hacked" } })).rejects.toThrow();
    await unit.close();
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: contactsB[0]! } })).firstName).not.toBe("hacked");
    await prisma.contact.update({ where: { id: contactsA[0]! }, data: { firstName: before.firstName } });
  });
});

describe("a unit of work on a pool of one (the embedded database's shape)", () => {
  it("lets writes, other handles and several units take turns on the one connection", async () => {
    const { pool, client } = embedded ? { pool: null, client: prisma } : clientWithPool(1);
    try {
      const unitA = createOrgClient(client, orgA.id, "all", ONE);
      const unitB = createOrgClient(client, orgB.id, "all", ONE);
      const plainA = createOrgClient(client, orgA.id, "all");
      const [a, write, b, again, plain] = await Promise.all([
        unitA.contact.findMany({ select: { id: true } }),
        plainA.contact.update({ where: { id: contactsA[1]! }, data: { lastName: "Turns" } }),
        unitB.contact.findMany({ select: { id: true } }),
        unitA.contact.findUnique({ where: { id: contactsA[1]! } }),
        plainA.transaction((tx) => tx.contact.count()),
      ]);
      expect(a.map((c) => c.id).sort()).toEqual([...contactsA].sort());
      expect(b.map((c) => c.id).sort()).toEqual([...contactsB].sort());
      expect(write.lastName).toBe("Turns");
      expect(again?.id).toBe(contactsA[1]);
      expect(plain).toBe(3);
      await Promise.all([unitA.close(), unitB.close()]);
      if (pool) {
        const [session] = await pooledSessions(pool, 1);
        expect(session).toEqual({ org: expect.toBeOneOf([null, ""]), role: connectingRole, readOnly: "off", inTransaction: false });
      }
    } finally {
      if (pool) await client.$disconnect();
    }
  });

  it("runs every read of a unit in its one transaction when its further transactions find no free connection", async () => {
    const { pool, client } = embedded ? { pool: null, client: prisma } : clientWithPool(1);
    try {
      const unit = createOrgClient(client, orgB.id, "all", { unitOfWork: { lanes: 3 } });
      const seen = await Promise.all([settings(unit), unit.contact.count(), settings(unit), settings(unit)]);
      const [first, count, ...rest] = seen as [Seen, number, Seen, Seen];
      expect(count).toBe(3);
      for (const s of rest) expect(s).toEqual(first);
      expect({ org: first.org, role: first.role, readOnly: first.readOnly }).toEqual({ org: orgB.id, role: APP_DB_ROLE, readOnly: "on" });
      await unit.close();
      if (pool) {
        const [session] = await pooledSessions(pool, 1);
        expect(session).toEqual({ org: expect.toBeOneOf([null, ""]), role: connectingRole, readOnly: "off", inTransaction: false });
      }
    } finally {
      if (pool) await client.$disconnect();
    }
  });
});
