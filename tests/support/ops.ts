import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import type { SeededAgency } from "./tenants";
import { seedInventoryItem } from "./inventory";

const DAY = 86_400_000;

/**
 * One of each problem the queue's own detectors find, in a seeded agency:
 * clinic 1: failing sync, an unconfirmed appointment tomorrow, an item running out, a lot expiring;
 * clinic 2: stale sync with drift, an item at zero still used, a recalled lot in stock, no-shows rising.
 */
export async function seedOneOfEachProblem(agency: SeededAgency, now = new Date()) {
  const organizationId = agency.organization.id;
  const [c1, c2] = agency.clinics;
  await prisma.ghlConnection.createMany({
    skipDuplicates: true,
    data: { organizationId, companyId: `co-${randomUUID().slice(0, 6)}`, scopes: "", accessTokenSealed: "x", refreshTokenSealed: "x", accessTokenExpiresAt: new Date(now.getTime() + DAY) },
  });
  const syncs = [
    { locationId: c1.id, health: "error" as const, consecutiveFailures: 3, lastError: "GHL answered 503 Service Unavailable", lastSyncedAt: new Date(now.getTime() - 50 * 60_000) },
    { locationId: c2.id, health: "healthy" as const, consecutiveFailures: 0, lastError: null, lastSyncedAt: new Date(now.getTime() - 3 * 3_600_000), lastDriftCount: 25, reconciledAt: new Date(now.getTime() - 8 * 3_600_000) },
  ];
  for (const { locationId, ...data } of syncs) {
    await prisma.locationSync.upsert({ where: { locationId }, create: { organizationId, locationId, ...data }, update: data });
  }
  // A GHL update that failed on every attempt.
  await prisma.webhookInbox.create({
    data: {
      organizationId, locationId: c2.id, source: "ghl", deliveryId: `dead-${randomUUID()}`, type: "ContactUpdate", recordId: "ghl-contact-dead",
      payload: "{}", status: "dead", attempts: 8, lastError: "0c0ffee0: date/time field value out of range", processedAt: new Date(now.getTime() - 3_600_000),
    },
  });
  const appointment = await prisma.appointment.create({
    data: {
      organizationId, locationId: c1.id, externalId: `ext-${randomUUID()}`, contactId: agency.contacts[0]!.id, title: "Myers' Cocktail", status: "new",
      startTime: new Date(now.getTime() + 20 * 3_600_000), endTime: new Date(now.getTime() + 21 * 3_600_000), externalUpdatedAt: now,
    },
  });
  const longAgo = new Date(now.getTime() - 60 * DAY);
  const runningOut = await seedInventoryItem(c1, { onHand: 5, name: "Saline 1L", sku: "BAG-1L", reorderPoint: 2, parLevel: 40 });
  const outOfStock = await seedInventoryItem(c2, { onHand: 0, name: "Catheter 22G", sku: "CATH-22", reorderPoint: 2, parLevel: 30 });
  await prisma.inventoryItem.updateMany({ where: { id: { in: [runningOut.item.id, outOfStock.item.id] } }, data: { createdAt: longAgo } });
  // Usage of 20 a week over the last four weeks, on both.
  const usage = [];
  for (const item of [runningOut, outOfStock]) {
    for (let week = 0; week < 4; week += 1) {
      usage.push({ organizationId, locationId: item.item.locationId, itemId: item.item.id, lotId: item.lot.id, kind: "usage" as const, quantity: -20, onHandAfter: 0, createdAt: new Date(now.getTime() - (week * 7 + 2) * DAY) });
    }
  }
  await prisma.inventoryTransaction.createMany({ data: usage });
  const expiring = await seedInventoryItem(c1, { onHand: 12, name: "NAD+ vial", sku: "NAD-500", lotNumber: "EXP-10", expiresOn: new Date(now.getTime() + 10 * DAY), reorderPoint: 0, parLevel: 0 });
  const recalled = await seedInventoryItem(c2, { onHand: 8, name: "Vitamin kit", sku: "VIT-KIT", lotNumber: `RCL-${randomUUID().slice(0, 6)}`, reorderPoint: 0, parLevel: 0 });
  await prisma.lotRecall.create({ data: { organizationId, lotNumber: recalled.lot.lotNumber, reason: "Manufacturer notice R-1234: particulates" } });
  // Clinic 2: 12 weeks with 5% no-shows, then 4 weeks with 30%.
  const past = [];
  for (let i = 0; i < 120; i += 1) {
    past.push({ day: 30 + (i % 80), status: i % 20 === 0 ? "noshow" : "showed" });
  }
  for (let i = 0; i < 40; i += 1) past.push({ day: 1 + (i % 26), status: i % 10 < 3 ? "noshow" : "showed" });
  await prisma.appointment.createMany({
    data: past.map((p, i) => ({
      organizationId, locationId: c2.id, externalId: `hist-${randomUUID()}-${i}`, title: "Hydration", status: p.status as "noshow" | "showed",
      startTime: new Date(now.getTime() - p.day * DAY), endTime: new Date(now.getTime() - p.day * DAY + 3_600_000), externalUpdatedAt: now,
    })),
  });
  return { appointment, runningOut, outOfStock, expiring, recalled };
}

export const EXPECTED_KINDS = [
  "appointments.unconfirmed",
  "clinic.noshow_rising",
  "inventory.lot_expiring",
  "inventory.lot_recalled",
  "inventory.out_of_stock",
  "inventory.stockout_ahead",
  "sync.drift",
  "sync.failing",
  "sync.stale",
  "sync.webhooks_failed",
];
