import { beforeAll, describe, expect, it } from "vitest";
import { createSystemClient, SYSTEM_NEEDS, systemDb } from "@/lib/db/system";
import { TenantScopeError } from "@/lib/db/org-client";
import { SYSTEM_DB_ROLE, TENANT_MODELS } from "@/lib/db/tenant-models";
import { prisma, resetDatabase } from "../support/db";
import { seedContact, seedLocation, seedOrg } from "../support/factories";

/** A role that owns the tables but is not a superuser: how a managed Postgres connects. */
const PROBE_OWNER = "sidecar_owner_probe";

let orgA: { id: string };
let orgB: { id: string };
let locationB: { id: string; organizationId: string; ghlLocationId: string };

async function tenantTables(): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ table: string }[]>`
    SELECT c.relname AS table FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE a.attname = 'organizationId' AND NOT a.attisdropped AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
    ORDER BY 1`;
  return rows.map((r) => r.table);
}

class Rollback extends Error {
  constructor(readonly value: unknown) {
    super("rollback");
  }
}

/** Runs fn in a transaction that is always rolled back, and returns what fn returned. */
async function inRolledBackTransaction<T>(fn: (tx: typeof prisma) => Promise<T>): Promise<T> {
  try {
    await prisma.$transaction(async (tx) => {
      throw new Rollback(await fn(tx as unknown as typeof prisma));
    });
  } catch (err) {
    if (err instanceof Rollback) return err.value as T;
    throw err;
  }
  throw new Error("unreachable");
}

beforeAll(async () => {
  await resetDatabase();
  orgA = await seedOrg();
  orgB = await seedOrg();
  await seedContact(await seedLocation(orgA.id));
  locationB = await seedLocation(orgB.id);
  await seedContact(locationB);
  await prisma.auditLog.create({ data: { organizationId: null, action: "platform.test", outcome: "success" } });
  // Roles are cluster-wide: another run may be creating it at the same moment.
  await prisma.$executeRawUnsafe(`DO $$ BEGIN CREATE ROLE ${PROBE_OWNER} NOLOGIN NOSUPERUSER NOBYPASSRLS; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
});

describe("row-level security is forced on every tenant table", () => {
  it("FORCEs it, with the tenant and system policies, on each table that has organizationId", async () => {
    const tables = await prisma.$queryRaw<{ table: string; rls: boolean; forced: boolean; policies: string[] }[]>`
      SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
             coalesce((SELECT array_agg(p.policyname::text ORDER BY p.policyname) FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname), '{}') AS policies
      FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE a.attname = 'organizationId' AND NOT a.attisdropped AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
      ORDER BY 1`;
    expect(tables.length).toBe(TENANT_MODELS.size);
    expect(tables.filter((t) => !t.rls || !t.forced || !t.policies.includes("tenant_isolation") || !t.policies.includes("system_access"))).toEqual([]);
  });

  it("binds a table owner that is not a superuser: no app.org_id, no tenant rows, and no writes", async () => {
    const tables = await tenantTables();
    const seen = await inRolledBackTransaction(async (tx) => {
      for (const table of tables) await tx.$executeRawUnsafe(`ALTER TABLE "${table}" OWNER TO ${PROBE_OWNER}`);
      await tx.$executeRawUnsafe(`SET LOCAL ROLE ${PROBE_OWNER}`);
      const counts: Record<string, number> = {};
      for (const table of ["Contact", "Location", "AuditLog", "Member", "Invitation"]) {
        const [row] = await tx.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
        counts[table] = Number(row!.n);
      }
      const insert = await tx
        .$executeRawUnsafe(`INSERT INTO "Location" (id, "organizationId", "ghlLocationId", name, timezone, "updatedAt") VALUES ('probe', '${orgA.id}', 'probe', 'x', 'UTC', now())`)
        .then(() => "inserted", (err: Error) => err.message);
      return { counts, insert };
    });
    expect(seen.counts).toEqual({ Contact: 0, Location: 0, AuditLog: 0, Member: 0, Invitation: 0 });
    expect(seen.insert).toMatch(/row-level security/);
  });

  it("lets that owner reach tenant rows only by switching to the system role", async () => {
    const tables = await tenantTables();
    const count = await inRolledBackTransaction(async (tx) => {
      for (const table of tables) await tx.$executeRawUnsafe(`ALTER TABLE "${table}" OWNER TO ${PROBE_OWNER}`);
      await tx.$executeRawUnsafe(`SET LOCAL ROLE ${SYSTEM_DB_ROLE}`);
      const [row] = await tx.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "Contact"`);
      return Number(row!.n);
    });
    expect(count).toBe(2);
  });
});

describe("the connection's own role", () => {
  it("is reported when it ignores row-level security (the CI postgres user is a superuser)", async () => {
    const { connectionBypassesRowLevelSecurity } = await import("@/lib/db");
    const [row] = await prisma.$queryRaw<{ role: string; su: boolean; bypass: boolean }[]>`
      SELECT current_user AS role, rolsuper AS su, rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user`;
    expect(await connectionBypassesRowLevelSecurity()).toEqual({ role: row!.role, bypasses: row!.su || row!.bypass });
    const probe = await inRolledBackTransaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL ROLE ${PROBE_OWNER}`);
      const [r] = await tx.$queryRaw<{ bypasses: boolean }[]>`SELECT (rolsuper OR rolbypassrls) AS bypasses FROM pg_roles WHERE rolname = current_user`;
      return r!.bypasses;
    });
    expect(probe).toBe(false);
  });
});

describe("named cross-tenant needs (lib/db/system.ts)", () => {
  it("find another tenant's record through the system role and its policy", async () => {
    const found = await systemDb("ghl.webhook-tenant").location.findUnique({ where: { ghlLocationId: locationB.ghlLocationId }, select: { organizationId: true } });
    expect(found).toEqual({ organizationId: orgB.id });
    expect(await systemDb("platform.audit").auditLog.count({ where: { organizationId: null } })).toBe(1);
  });

  it("run as sidecar_system with the need's name, never as the connection's own role", async () => {
    const seen = await systemDb("cron.fan-out").transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ role: string; need: string; org: string | null }[]>`
        SELECT current_user AS role, current_setting('app.system_need', true) AS need, nullif(current_setting('app.org_id', true), '') AS org`;
      return row;
    });
    expect(seen).toEqual({ role: SYSTEM_DB_ROLE, need: "cron.fan-out", org: null });
  });

  it("refuse a model their need does not list", async () => {
    await expect(systemDb("ghl.webhook-tenant").contact.findMany()).rejects.toThrow(TenantScopeError);
    await expect(systemDb("ghl.webhook-tenant").contact.findMany()).rejects.toThrow(/not part of the system need "ghl.webhook-tenant"/);
    await expect(systemDb("cron.fan-out").transaction((tx) => tx.contact.findMany())).rejects.toThrow(TenantScopeError);
    expect(() => createSystemClient(prisma, "no.such-need" as never)).toThrow(/unknown system need/);
  });

  it("list only models that exist, each need with a reason", () => {
    for (const [name, need] of Object.entries(SYSTEM_NEEDS)) {
      expect(need.why.length, name).toBeGreaterThan(20);
      expect(need.models.length, name).toBeGreaterThan(0);
    }
  });
});
