import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";

/** An inventory item with one lot holding `onHand`, its delivery in the ledger (so stock and ledger agree). */
export async function seedInventoryItem(
  location: { id: string; organizationId: string },
  options: { onHand?: number; sku?: string; name?: string; lotNumber?: string; expiresOn?: Date | null; reorderPoint?: number; parLevel?: number } = {},
) {
  const suffix = randomUUID().slice(0, 8);
  const onHand = options.onHand ?? 10;
  const organizationId = location.organizationId;
  const item = await prisma.inventoryItem.create({
    data: {
      organizationId,
      locationId: location.id,
      sku: options.sku ?? `SKU-${suffix}`,
      name: options.name ?? `Saline ${suffix}`,
      category: "IV fluids",
      unit: "bags",
      costCents: 250,
      reorderPoint: options.reorderPoint ?? 5,
      parLevel: options.parLevel ?? 40,
      onHand,
    },
  });
  const lot = await prisma.inventoryLot.create({
    data: { organizationId, itemId: item.id, lotNumber: options.lotNumber ?? `LOT-${suffix}`, expiresOn: options.expiresOn ?? null, onHand },
  });
  if (onHand > 0) {
    await prisma.inventoryTransaction.create({
      data: { organizationId, locationId: location.id, itemId: item.id, lotId: lot.id, kind: "receipt", quantity: onHand, onHandAfter: onHand },
    });
  }
  return { item, lot };
}

/** Stock as three views that must agree: the item's on-hand, its lots' sum and its ledger's sum. */
export async function stockViews(itemId: string) {
  const [item, lots, ledger] = await Promise.all([
    prisma.inventoryItem.findUniqueOrThrow({ where: { id: itemId }, select: { onHand: true } }),
    prisma.inventoryLot.aggregate({ where: { itemId }, _sum: { onHand: true } }),
    prisma.inventoryTransaction.aggregate({ where: { itemId }, _sum: { quantity: true } }),
  ]);
  return { item: item.onHand, lots: lots._sum.onHand ?? 0, ledger: ledger._sum.quantity ?? 0 };
}
