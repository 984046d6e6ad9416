import { beforeAll, describe, expect, it } from "vitest";
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
});
