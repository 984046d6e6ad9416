import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { forOrg } from "@/lib/db";
import { ImportRejectedError, importInventoryCsv } from "@/lib/inventory/csv-import";
import { streamInventoryCsv } from "@/lib/inventory/csv-export";
import type { InventoryActor } from "@/lib/inventory/movements";
import { prisma, resetDatabase } from "../support/db";
import { seedInventoryItem, stockViews } from "../support/inventory";
import { seedAgency, type SeededAgency } from "../support/tenants";

const HEADER = "sku,name,category,unit,cost,supplier,reorder_point,par_level,quantity,lot_number,expires_on";

let agency: SeededAgency;
let admin: InventoryActor;

beforeAll(async () => {
  await resetDatabase();
  agency = await seedAgency("csv");
  admin = { db: forOrg(agency.organization.id), clinicIds: null, user: { id: agency.admin.user.id } };
});

function bigFile(rows: number, skuPrefix: string) {
  const lines = Array.from({ length: rows }, (_, i) => `${skuPrefix}-${i},Supply ${i},Category ${i % 12},each,${(i % 50) + 0.99},Supplier ${i % 7},${i % 10},${(i % 10) + 20},${i % 3 === 0 ? 12 : 0},L${i},2028-01-${String((i % 28) + 1).padStart(2, "0")}`);
  return [HEADER, ...lines].join("\n");
}

describe("CSV import", () => {
  it("imports nothing when one row of many is bad, and names its line", async () => {
    const good = bigFile(500, "GOOD").split("\n");
    good.splice(301, 0, "BAD-1,Broken,IV,bags,twelve,,1,5,,,");
    const attempt = importInventoryCsv(admin, { locationId: agency.clinics[0].id, csv: good.join("\n") });
    await expect(attempt).rejects.toBeInstanceOf(ImportRejectedError);
    await expect(attempt).rejects.toMatchObject({ problems: ["Line 302: cost: Enter a cost like 12.50."] });
    expect(await prisma.inventoryItem.count({ where: { organizationId: agency.organization.id } })).toBe(0);
  });

  it("imports 10,000 rows in one transaction, receiving the quantities as deliveries", async () => {
    const startedAt = performance.now();
    const result = await importInventoryCsv(admin, { locationId: agency.clinics[0].id, csv: bigFile(10_000, "BULK") });
    console.log(`10,000-row import: ${Math.round(performance.now() - startedAt)} ms`);
    expect(result).toEqual({ rows: 10_000, created: 10_000, updated: 0, received: 3_334 });
    expect(await prisma.inventoryItem.count({ where: { locationId: agency.clinics[0].id } })).toBe(10_000);
    const sample = await prisma.inventoryItem.findUniqueOrThrow({ where: { locationId_sku: { locationId: agency.clinics[0].id, sku: "BULK-9" } } });
    expect(sample).toMatchObject({ name: "Supply 9", costCents: 999, reorderPoint: 9, parLevel: 29, onHand: 12 });
    expect(await stockViews(sample.id)).toEqual({ item: 12, lots: 12, ledger: 12 });
  });

  it("updates items by SKU and adds a delivery to a known lot", async () => {
    const { item } = await seedInventoryItem(agency.clinics[1], { onHand: 5, sku: "NS-1000", lotNumber: "L1" });
    const csv = `${HEADER}\nNS-1000,Normal saline 1L,IV fluids,bags,3.25,Baxter,10,40,7,L1,2027-05-31\nNEW-1,Tape,Dressings,rolls,1,,1,4,,,`;
    expect(await importInventoryCsv(admin, { locationId: agency.clinics[1].id, csv })).toEqual({ rows: 2, created: 1, updated: 1, received: 1 });
    expect(await prisma.inventoryItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ name: "Normal saline 1L", reorderPoint: 10, onHand: 12 });
    expect(await stockViews(item.id)).toEqual({ item: 12, lots: 12, ledger: 12 });
  });

  it("exports what it imported, streamed, in a form the import reads back", async () => {
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    const reader = streamInventoryCsv(admin.db, [agency.clinics[0].id]).getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(decoder.decode(next.value));
    const lines = chunks.join("").trim().split("\n");
    expect(chunks.length).toBeGreaterThan(20);
    expect(lines[0]).toBe("clinic,sku,name,category,unit,cost,supplier,reorder_point,par_level,on_hand");
    expect(lines).toHaveLength(10_001);
    const back = await importInventoryCsv(admin, { locationId: agency.clinics[0].id, csv: lines.join("\n") });
    expect(back).toEqual({ rows: 10_000, created: 0, updated: 10_000, received: 0 });
  });

  // Lock interleaving needs a second connection: the embedded fallback has only one.
  it.runIf(inject("databasePoolMax") > 1)("waits for a stock count holding one of its items instead of deadlocking with it", async () => {
    const clinic = agency.clinics[1];
    const [first, second] = (await Promise.all([seedInventoryItem(clinic, { onHand: 5 }), seedInventoryItem(clinic, { onHand: 5 })]))
      .map(({ item }) => item)
      .sort((a, b) => a.id.localeCompare(b.id));
    // A stock count takes its items in id order: it holds the first and will want the second.
    const count = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await count.connect();
    try {
      await count.query("BEGIN");
      await count.query(`SELECT 1 FROM "InventoryItem" WHERE "id" = $1 FOR UPDATE`, [first!.id]);
      // The file names the second item before the first.
      const csv = [HEADER, `${second!.sku},${second!.name},IV fluids,bags,2.50,,5,40,3,NEW-2,`, `${first!.sku},${first!.name},IV fluids,bags,2.50,,5,40,3,NEW-1,`].join("\n");
      const importing = importInventoryCsv(admin, { locationId: clinic.id, csv });
      await waitForLockWait(count);
      await count.query(`UPDATE "InventoryItem" SET "updatedAt" = now() WHERE "id" = $1`, [second!.id]);
      await count.query("COMMIT");
      await expect(importing).resolves.toMatchObject({ rows: 2, updated: 2, received: 2 });
    } finally {
      await count.end();
    }
    expect(await stockViews(first!.id)).toEqual({ item: 8, lots: 8, ledger: 8 });
    expect(await stockViews(second!.id)).toEqual({ item: 8, lots: 8, ledger: 8 });
  });
});

/** Resolves once some other session of this database is waiting for a row lock. */
async function waitForLockWait(client: pg.Client) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { rows } = await client.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the import never waited for the count's lock");
}
