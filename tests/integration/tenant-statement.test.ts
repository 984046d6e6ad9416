import { beforeEach, describe, expect, it } from "vitest";
import { prisma, resetDatabase } from "../support/db";
import { seedLocation, seedOrg } from "../support/factories";
import { pool } from "@/lib/db/client";
import { runTenantStatement } from "@/lib/db/tenant-statement";

/**
 * Statements sent to the pool directly (the webhook inbox's INSERT) must be held by row-level
 * security exactly as the org-scoped client's are, and leave nothing of the tenant's settings
 * on the pooled connection.
 */

let mine: { id: string };
let theirs: { id: string };
let theirClinic: { id: string; organizationId: string };
let myClinic: { id: string; organizationId: string };

beforeEach(async () => {
  await resetDatabase();
  [mine, theirs] = await Promise.all([seedOrg(), seedOrg()]);
  [myClinic, theirClinic] = await Promise.all([seedLocation(mine.id), seedLocation(theirs.id)]);
  for (const [clinic, deliveryId] of [
    [myClinic, "mine-1"],
    [theirClinic, "theirs-1"],
  ] as const) {
    await prisma.webhookInbox.create({
      data: { organizationId: clinic.organizationId, locationId: clinic.id, source: "ghl", deliveryId, type: "ContactCreate", recordId: "r", payload: "{}" },
    });
  }
});

const insertInbox = (organizationId: string, row: { organizationId: string; locationId: string; deliveryId: string }) =>
  runTenantStatement(organizationId, {
    text: `INSERT INTO "WebhookInbox" ("id", "organizationId", "locationId", "source", "deliveryId", "type", "recordId", "payload")
           VALUES (gen_random_uuid()::text, $1, $2, 'ghl', $3, 'ContactCreate', 'r', '{}') RETURNING "deliveryId"`,
    values: [row.organizationId, row.locationId, row.deliveryId],
  });

describe("runTenantStatement: one statement under the tenant's row-level security", () => {
  it("sees only the organization's rows", async () => {
    const rows = await runTenantStatement<{ deliveryId: string }>(mine.id, { text: `SELECT "deliveryId" FROM "WebhookInbox" ORDER BY 1`, values: [] });
    expect(rows).toEqual([{ deliveryId: "mine-1" }]);
  });

  it("refuses to write a row for another organization, and writes the organization's own", async () => {
    await expect(insertInbox(mine.id, { organizationId: theirs.id, locationId: theirClinic.id, deliveryId: "smuggled" })).rejects.toThrow(/row-level security/);
    expect(await insertInbox(mine.id, { organizationId: mine.id, locationId: myClinic.id, deliveryId: "mine-2" })).toEqual([{ deliveryId: "mine-2" }]);
    expect((await prisma.webhookInbox.findMany({ select: { deliveryId: true }, orderBy: { deliveryId: "asc" } })).map((r) => r.deliveryId)).toEqual(["mine-1", "mine-2", "theirs-1"]);
  });

  it("leaves no setting on the connection, after success and after failure", async () => {
    await runTenantStatement(mine.id, { text: "SELECT 1", values: [] });
    await expect(runTenantStatement(mine.id, { text: "SELECT 1/0", values: [] })).rejects.toThrow(/division by zero/);
    // Every idle connection of the pool, not only the one that happens to come back first.
    const clients = await Promise.all(Array.from({ length: pool.idleCount || 1 }, () => pool.connect()));
    try {
      for (const client of clients) {
        const { rows } = await client.query<{ org: string | null; role: string }>(`SELECT current_setting('app.org_id', true) AS org, current_user AS role`);
        expect(rows[0]!.org ?? "").toBe("");
        expect(rows[0]!.role).not.toBe("sidecar_app");
      }
    } finally {
      for (const client of clients) client.release();
    }
  });

  it("refuses to run without an organization", async () => {
    await expect(runTenantStatement("", { text: "SELECT 1", values: [] })).rejects.toThrow(/organizationId/);
  });
});
