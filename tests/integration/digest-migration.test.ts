import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrationThrough, databaseBeforeMigration, migrationNamed } from "../support/database-before-migration";
import type { TestDatabase } from "../support/test-database";

/** The migration that claims the digest per recipient keeps days already mailed as mailed. */
const MIGRATION = migrationNamed("digest_per_recipient");

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  ({ database, client } = await databaseBeforeMigration(MIGRATION, "digestmig"));
}, 60_000);

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

describe("digest per recipient migration", () => {
  it("turns a day already mailed to an agency into one claim per owner and admin, and drops unfinished claims", async () => {
    await client.query(`
      INSERT INTO "Organization" ("id", "name", "slug") VALUES ('org', 'Agency', 'agency');
      INSERT INTO "User" ("id", "name", "email", "updatedAt") VALUES
        ('owner', 'Owner', 'owner@example.com', now()), ('admin', 'Admin', 'admin@example.com', now()),
        ('staff', 'Staff', 'staff@example.com', now());
      INSERT INTO "Member" ("id", "organizationId", "userId", "role") VALUES
        ('m1', 'org', 'owner', 'agency_owner'), ('m2', 'org', 'admin', 'agency_admin'), ('m3', 'org', 'staff', 'clinic_staff');
      INSERT INTO "InventoryDigest" ("organizationId", "day", "recipients") VALUES
        ('org', '2026-11-20', 2), ('org', '2026-11-21', 0);`);

    expect(await applyMigrationThrough(database.url, MIGRATION)).toEqual([MIGRATION]);

    const { rows } = await client.query(`SELECT "day"::text AS day, "userId" FROM "InventoryDigest" ORDER BY "day", "userId"`);
    expect(rows).toEqual([
      { day: "2026-11-20", userId: "admin" },
      { day: "2026-11-20", userId: "owner" },
    ]);
  });
});
