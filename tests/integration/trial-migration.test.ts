import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR } from "@/lib/db/migrations";
import { TRIAL_DAYS } from "@/lib/billing/plans";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/** The migration that gives every agency a trial end and a last activity, on rows written before it. */
const MIGRATION = fs.readdirSync(MIGRATIONS_DIR).find((name) => name.endsWith("_own_trial_and_activity"))!;
const DAY = 86_400_000;

let database: TestDatabase;
let client: pg.Client;

function copyMigrations(keep: (name: string) => boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sidecar-migrations-"));
  for (const name of fs.readdirSync(MIGRATIONS_DIR)) if (keep(name)) fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
  return dir;
}

beforeAll(async () => {
  database = await createTestDatabase("trialmig");
  const earlier = copyMigrations((name) => name < MIGRATION);
  await applyMigrations(database.url, earlier);
  fs.rmSync(earlier, { recursive: true, force: true });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
}, 60_000);

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

describe("own trial and activity migration", () => {
  it("gives legacy agencies without a subscription their trial from creation (never ending within 7 days), leaves the rest, and fills the last activity", async () => {
    await client.query(`
      INSERT INTO "Organization" ("id", "name", "slug", "type", "createdAt", "trialEndsAt", "stripeSubscriptionId") VALUES
        ('old', 'Old agency', 'old', 'agency', now() - interval '60 days', NULL, NULL),
        ('young', 'Young agency', 'young', 'agency', now() - interval '2 days', NULL, NULL),
        ('paying', 'Paying agency', 'paying', 'agency', now() - interval '60 days', NULL, 'sub_paying'),
        ('set', 'Trial set', 'set', 'agency', now() - interval '1 day', '2030-01-01T00:00:00Z', NULL),
        ('platform', 'Platform', 'platform', 'platform', now() - interval '60 days', NULL, NULL);
      INSERT INTO "AuditLog" ("id", "organizationId", "action", "createdAt") VALUES
        ('a1', 'old', 'contacts.update', '2026-11-01T10:00:00Z'), ('a2', 'old', 'contacts.update', '2026-11-20T10:00:00Z'),
        ('a3', NULL, 'platform.create-agency', '2026-11-25T10:00:00Z');`);

    const upTo = copyMigrations((name) => name <= MIGRATION || name.endsWith(".toml"));
    expect(await applyMigrations(database.url, upTo)).toEqual([MIGRATION]);
    fs.rmSync(upTo, { recursive: true, force: true });

    const { rows } = await client.query(`SELECT "id", "createdAt", "trialEndsAt", "lastActivityAt", now() AS now FROM "Organization" ORDER BY "id"`);
    const byId = Object.fromEntries(rows.map((r) => [r.id as string, r as { createdAt: Date; trialEndsAt: Date | null; lastActivityAt: Date | null; now: Date }]));
    // now() of the migration's transaction, a moment before this query's.
    const now = byId.old!.now.getTime();
    expect(byId.old!.trialEndsAt!.getTime()).toBeLessThanOrEqual(now + 7 * DAY);
    expect(byId.old!.trialEndsAt!.getTime()).toBeGreaterThan(now + 7 * DAY - 60_000);
    expect(byId.young!.trialEndsAt!.getTime()).toBe(byId.young!.createdAt.getTime() + TRIAL_DAYS * DAY);
    expect(byId.paying!.trialEndsAt).toBeNull();
    expect(byId.set!.trialEndsAt!.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    expect(byId.platform!.trialEndsAt).toBeNull();
    expect(byId.old!.lastActivityAt!.toISOString()).toBe("2026-11-20T10:00:00.000Z");
    expect(byId.young!.lastActivityAt).toBeNull();

    // A row written afterwards, by any path, starts its own TRIAL_DAYS.
    const created = await client.query(`INSERT INTO "Organization" ("id", "name", "slug") VALUES ('new', 'New agency', 'new') RETURNING "createdAt", "trialEndsAt"`);
    const fresh = created.rows[0] as { createdAt: Date; trialEndsAt: Date };
    expect(fresh.trialEndsAt.getTime() - fresh.createdAt.getTime()).toBe(TRIAL_DAYS * DAY);
  });
});
