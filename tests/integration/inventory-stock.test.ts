import { beforeAll, describe, expect, it } from "vitest";
import { forOrg } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { adjustStock, countStock, logUsage, receiveDelivery, transferStock, type InventoryActor } from "@/lib/inventory/movements";
import { findLotRecall } from "@/lib/inventory/recall";
import { prisma, resetDatabase } from "../support/db";
import { seedInventoryItem, stockViews } from "../support/inventory";
import { seedAgency, type SeededAgency } from "../support/tenants";

let agency: SeededAgency;
let owner: InventoryActor;
let admin: InventoryActor;
let staff: InventoryActor;

beforeAll(async () => {
  await resetDatabase();
  agency = await seedAgency("inv");
  const db = forOrg(agency.organization.id);
  owner = { db, clinicIds: null, user: { id: agency.owner.user.id } };
  admin = { db, clinicIds: null, user: { id: agency.admin.user.id } };
  staff = { db, clinicIds: [agency.clinics[0].id], user: { id: agency.staff.user.id } };
});

/** Runs `count` calls of `fn`, `inFlight` at a time, and collects each outcome. */
async function writer<T>(count: number, inFlight: number, fn: () => Promise<T>) {
  const outcomes: Array<{ ok: true } | { ok: false; err: unknown }> = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        next += 1;
        try {
          await fn();
          outcomes.push({ ok: true });
        } catch (err) {
          outcomes.push({ ok: false, err });
        }
      }
    }),
  );
  return outcomes;
}

describe("two devices logging usage at once", () => {
  it("loses no update: 2 × 500 usages of 1000 in stock end at exactly 0", async () => {
    const { item } = await seedInventoryItem(agency.clinics[0], { onHand: 1000 });
    const [a, b] = await Promise.all([
      writer(500, 4, () => logUsage(staff, { itemId: item.id, quantity: 1 })),
      writer(500, 4, () => logUsage(admin, { itemId: item.id, quantity: 1 })),
    ]);
    expect([...a, ...b].filter((o) => !o.ok)).toEqual([]);
    expect(await stockViews(item.id)).toEqual({ item: 0, lots: 0, ledger: 0 });
    expect(await prisma.inventoryTransaction.count({ where: { itemId: item.id, kind: "usage" } })).toBe(1000);

    const refused = logUsage(staff, { itemId: item.id, quantity: 1 });
    await expect(refused).rejects.toThrow(UserError);
    await expect(refused).rejects.toThrow(`Only 0 bags of ${item.name} in stock; cannot take 1.`);
    expect(await stockViews(item.id)).toEqual({ item: 0, lots: 0, ledger: 0 });
  });

  it("never goes below zero: with 700 in three lots, exactly 700 of 1000 usages succeed, first-expiring lot first", async () => {
    const { item, lot: first } = await seedInventoryItem(agency.clinics[0], { onHand: 200, lotNumber: "A-SOON", expiresOn: new Date("2030-01-01") });
    await receiveDelivery(owner, { itemId: item.id, quantity: 300, lotNumber: "B-LATER", expiresOn: new Date("2031-01-01") });
    await receiveDelivery(owner, { itemId: item.id, quantity: 200, lotNumber: "" });
    const [a, b] = await Promise.all([
      writer(500, 4, () => logUsage(staff, { itemId: item.id, quantity: 1 })),
      writer(500, 4, () => logUsage(admin, { itemId: item.id, quantity: 1 })),
    ]);
    const outcomes = [...a, ...b];
    expect(outcomes.filter((o) => o.ok)).toHaveLength(700);
    const failures = outcomes.flatMap((o) => (o.ok ? [] : [o.err]));
    expect(failures).toHaveLength(300);
    expect(failures.every((err) => err instanceof UserError && err.code === "insufficient_stock")).toBe(true);
    expect(await stockViews(item.id)).toEqual({ item: 0, lots: 0, ledger: 0 });

    const firstUse = await prisma.inventoryTransaction.findFirst({ where: { itemId: item.id, kind: "usage" }, orderBy: { createdAt: "asc" } });
    expect(firstUse?.lotId).toBe(first.id);
  });
});

describe("stock movements", () => {
  it("splits a usage across lots when the first runs short, keeping every view equal", async () => {
    const { item } = await seedInventoryItem(agency.clinics[0], { onHand: 3, lotNumber: "SHORT", expiresOn: new Date("2029-06-01") });
    await receiveDelivery(owner, { itemId: item.id, quantity: 10, lotNumber: "FULL", expiresOn: new Date("2030-06-01") });
    const result = await logUsage(staff, { itemId: item.id, quantity: 5 });
    expect(result.onHand).toBe(8);
    const lots = await prisma.inventoryLot.findMany({ where: { itemId: item.id }, orderBy: { lotNumber: "asc" } });
    expect(lots.map((l) => [l.lotNumber, l.onHand])).toEqual([["FULL", 8], ["SHORT", 0]]);
    expect(await stockViews(item.id)).toEqual({ item: 8, lots: 8, ledger: 8 });
  });

  it("adjusts with a reason and counts stock into adjustments, all or nothing", async () => {
    const { item: gloves } = await seedInventoryItem(agency.clinics[0], { onHand: 20 });
    const { item: tubing } = await seedInventoryItem(agency.clinics[0], { onHand: 5 });
    await adjustStock(admin, { itemId: gloves.id, change: -2, reason: "Box torn" });
    expect((await stockViews(gloves.id)).item).toBe(18);
    const adjustment = await prisma.inventoryTransaction.findFirst({ where: { itemId: gloves.id, kind: "adjustment" } });
    expect(adjustment).toMatchObject({ quantity: -2, reason: "Box torn", actorUserId: agency.admin.user.id });

    expect(await countStock(staff, { locationId: agency.clinics[0].id, counts: [{ itemId: gloves.id, counted: 15 }, { itemId: tubing.id, counted: 9 }] })).toEqual({ counted: 2, adjusted: 2 });
    expect(await stockViews(gloves.id)).toEqual({ item: 15, lots: 15, ledger: 15 });
    expect(await stockViews(tubing.id)).toEqual({ item: 9, lots: 9, ledger: 9 });

    // An item of another clinic in the count: nothing of the count is applied.
    const { item: elsewhere } = await seedInventoryItem(agency.clinics[1], { onHand: 4 });
    await expect(
      countStock(owner, { locationId: agency.clinics[0].id, counts: [{ itemId: gloves.id, counted: 1 }, { itemId: elsewhere.id, counted: 0 }] }),
    ).rejects.toThrow(/not found/);
    expect((await stockViews(gloves.id)).item).toBe(15);
  });

  it("keeps clinic staff to their clinics", async () => {
    const { item } = await seedInventoryItem(agency.clinics[1], { onHand: 4 });
    await expect(logUsage(staff, { itemId: item.id, quantity: 1 })).rejects.toMatchObject({ code: "not_found" });
    await expect(countStock(staff, { locationId: agency.clinics[1].id, counts: [{ itemId: item.id, counted: 0 }] })).rejects.toMatchObject({ code: "not_found" });
    expect((await stockViews(item.id)).item).toBe(4);
  });

  it("links usage to an appointment of the same clinic only", async () => {
    const { item } = await seedInventoryItem(agency.clinics[0], { onHand: 4 });
    const now = new Date();
    const appointment = await prisma.appointment.create({
      data: { organizationId: agency.organization.id, locationId: agency.clinics[1].id, externalId: "appt-x", startTime: now, endTime: now, externalUpdatedAt: now },
    });
    await expect(logUsage(staff, { itemId: item.id, quantity: 1, appointmentId: appointment.id })).rejects.toMatchObject({ code: "invalid_appointment" });
    expect((await stockViews(item.id)).item).toBe(4);
  });

  it("transfers lots to another clinic, creating the item there, and a recall finds both clinics and every usage", async () => {
    const { item } = await seedInventoryItem(agency.clinics[0], { onHand: 10, sku: "NS-1000", lotNumber: "RECALL-42", expiresOn: new Date("2030-03-01") });
    await logUsage(staff, { itemId: item.id, quantity: 2 });
    const moved = await transferStock(owner, { itemId: item.id, toLocationId: agency.clinics[1].id, quantity: 5 });
    expect(moved.onHand).toBe(3);
    const destination = await prisma.inventoryItem.findUniqueOrThrow({ where: { locationId_sku: { locationId: agency.clinics[1].id, sku: "NS-1000" } } });
    expect(await stockViews(destination.id)).toEqual({ item: 5, lots: 5, ledger: 5 });
    await logUsage(owner, { itemId: destination.id, quantity: 1 });

    const recall = await findLotRecall(forOrg(agency.organization.id), null, "RECALL-42");
    expect(recall.lots.map((l) => [l.item.location.id, l.onHand]).sort()).toEqual(
      [[agency.clinics[0].id, 3], [agency.clinics[1].id, 4]].sort(),
    );
    expect(recall.usages.map((u) => [u.locationId, u.quantity, u.actor?.name])).toEqual([
      [agency.clinics[1].id, -1, agency.owner.user.name],
      [agency.clinics[0].id, -2, agency.staff.user.name],
    ]);
    // Clinic staff see only their clinic's part of a recall.
    expect((await findLotRecall(forOrg(agency.organization.id), staff.clinicIds, "RECALL-42")).lots).toHaveLength(1);

    await expect(transferStock(owner, { itemId: item.id, toLocationId: agency.clinics[1].id, quantity: 4 })).rejects.toMatchObject({ code: "insufficient_stock" });
    await expect(transferStock(owner, { itemId: item.id, toLocationId: agency.clinics[0].id, quantity: 1 })).rejects.toMatchObject({ code: "same_clinic" });
  });
});
