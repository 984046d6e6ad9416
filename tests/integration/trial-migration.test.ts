import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRIAL_DAYS } from "@/lib/billing/plans";
import { applyMigrationThrough, databaseBeforeMigration, migrationNamed } from "../support/database-before-migration";
import type { TestDatabase } from "../support/test-database";

/** The migration that gives every agency a trial end and a last activity, on rows written before it. */
const MIGRATION = migrationNamed("own_trial_and_activity");
const DAY = 86_400_000;

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  ({ database, client } = await databaseBeforeMigration(MIGRATION, "trialmig"));
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

    expect(await applyMigrationThrough(database.url, MIGRATION)).toEqual([MIGRATION]);

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
