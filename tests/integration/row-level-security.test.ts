import { beforeAll, describe, expect, it } from "vitest";
import { createOrgClient, TenantScopeError } from "@/lib/db/org-client";
import { APP_DB_ROLE } from "@/lib/db/tenant-models";
import { prisma, resetDatabase } from "../support/db";
import { seedContact, seedLocation, seedOrg } from "../support/factories";

let orgA: { id: string };
let orgB: { id: string };
let contactA: { id: string };
let contactB: { id: string };

beforeAll(async () => {
  await resetDatabase();
  orgA = await seedOrg();
  orgB = await seedOrg();
  contactA = await seedContact(await seedLocation(orgA.id));
  contactB = await seedContact(await seedLocation(orgB.id));
});

/** Runs `sql` as the app's database role, with app.org_id set to `orgId` (or not at all). */
async function asAppRole(orgId: string | null, sql: string) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL ROLE ${APP_DB_ROLE}`);
    if (orgId) await tx.$executeRaw`SELECT set_config('app.org_id', ${orgId}, true)`;
    return tx.$queryRawUnsafe<{ id: string; organizationId: string }[]>(sql);
  });
}

describe("row-level security (the database backstop)", () => {
  it("shows no tenant rows to the app role without app.org_id", async () => {
    expect(await asAppRole(null, `SELECT id, "organizationId" FROM "Contact"`)).toEqual([]);
    expect(await asAppRole(null, `SELECT id, "organizationId" FROM "Location"`)).toEqual([]);
  });

  it("shows only A's rows with A's id", async () => {
    const rows = await asAppRole(orgA.id, `SELECT id, "organizationId" FROM "Contact"`);
    expect(rows.map((r) => r.id)).toEqual([contactA.id]);
  });

  it("refuses to write a row for another organization", async () => {
    await expect(
      asAppRole(orgA.id, `UPDATE "Contact" SET "organizationId" = '${orgB.id}' WHERE id = '${contactA.id}' RETURNING id, "organizationId"`),
    ).rejects.toThrow(/row-level security/);
    const rows = await asAppRole(orgA.id, `UPDATE "Contact" SET "firstName" = 'x' WHERE id = '${contactB.id}' RETURNING id, "organizationId"`);
    expect(rows).toEqual([]);
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: contactB.id } })).firstName).not.toBe("x");
  });

  it("is enabled, with a policy, on every table that has an organizationId column", async () => {
    const tables = await prisma.$queryRaw<{ table: string; rls: boolean; policies: bigint }[]>`
      SELECT c.relname AS table, c.relrowsecurity AS rls,
             (SELECT count(*) FROM pg_policies p WHERE p.tablename = c.relname) AS policies
      FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE a.attname = 'organizationId' AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace`;
    expect(tables.length).toBeGreaterThan(3);
    for (const table of tables) {
      expect({ table: table.table, rls: table.rls, hasPolicy: Number(table.policies) > 0 }).toEqual({
        table: table.table,
        rls: true,
        hasPolicy: true,
      });
    }
  });
});

describe("the org-scoped client", () => {
  it("reads only its organization's rows", async () => {
    const dbA = createOrgClient(prisma, orgA.id, "all");
    expect((await dbA.contact.findMany()).map((c) => c.id)).toEqual([contactA.id]);
    expect(await dbA.contact.findUnique({ where: { id: contactB.id } })).toBeNull();
    expect(await dbA.contact.count()).toBe(1);
  });

  it("cannot update or delete another organization's row", async () => {
    const dbA = createOrgClient(prisma, orgA.id, "all");
    await expect(dbA.contact.update({ where: { id: contactB.id }, data: { firstName: "hacked" } })).rejects.toThrow();
    expect((await dbA.contact.deleteMany({ where: { id: contactB.id } })).count).toBe(0);
    expect(await prisma.contact.findUnique({ where: { id: contactB.id } })).not.toBeNull();
  });

  it("stamps creates with its organization", async () => {
    const dbA = createOrgClient(prisma, orgA.id, "all");
    const location = await dbA.location.create({
      data: { organizationId: dbA.organizationId, ghlLocationId: `ghl-new-${Date.now()}`, name: "New", timezone: "UTC" },
    });
    expect(location.organizationId).toBe(orgA.id);
  });

  it("refuses models that are not tenant data", async () => {
    const dbA = createOrgClient(prisma, orgA.id, "all");
    await expect(dbA.user.findMany()).rejects.toThrow(TenantScopeError);
  });

  it("runs several statements in one transaction under the tenant's settings", async () => {
    const dbA = createOrgClient(prisma, orgA.id, "all");
    const seen = await dbA.transaction(async (tx) => {
      const [setting] = await tx.$queryRaw<{ org: string; role: string }[]>`
        SELECT current_setting('app.org_id', true) AS org, current_user AS role`;
      const contacts = await tx.contact.findMany({ where: { id: { in: [contactA.id, contactB.id] } } });
      return { setting, contacts: contacts.map((c) => c.id) };
    });
    expect(seen.setting).toEqual({ org: orgA.id, role: APP_DB_ROLE });
    expect(seen.contacts).toEqual([contactA.id]);
  });
});
