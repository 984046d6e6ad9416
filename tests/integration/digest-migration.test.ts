import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR } from "@/lib/db/migrations";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/** The migration that claims the digest per recipient keeps days already mailed as mailed. */
const MIGRATION = fs.readdirSync(MIGRATIONS_DIR).find((name) => name.endsWith("_digest_per_recipient"))!;

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase("digestmig");
  // Every migration before this one, from a copy of the directory that stops there.
  const earlier = fs.mkdtempSync(path.join(os.tmpdir(), "sidecar-migrations-"));
  for (const name of fs.readdirSync(MIGRATIONS_DIR)) {
    if (name >= MIGRATION) continue;
    fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(earlier, name), { recursive: true });
  }
  await applyMigrations(database.url, earlier);
  fs.rmSync(earlier, { recursive: true, force: true });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
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

    // This migration alone, whatever later ones exist.
    const upTo = fs.mkdtempSync(path.join(os.tmpdir(), "sidecar-migrations-"));
    for (const name of fs.readdirSync(MIGRATIONS_DIR)) {
      if (name > MIGRATION && !name.endsWith(".toml")) continue;
      fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(upTo, name), { recursive: true });
    }
    expect(await applyMigrations(database.url, upTo)).toEqual([MIGRATION]);
    fs.rmSync(upTo, { recursive: true, force: true });

    const { rows } = await client.query(`SELECT "day"::text AS day, "userId" FROM "InventoryDigest" ORDER BY "day", "userId"`);
    expect(rows).toEqual([
      { day: "2026-11-20", userId: "admin" },
      { day: "2026-11-20", userId: "owner" },
    ]);
  });
});
