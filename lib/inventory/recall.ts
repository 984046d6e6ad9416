import "server-only";
import type { OrgDb } from "@/lib/db";

/** Caps the usage list of one lot; a recall of more than this many uses is read in the CSV export. */
export const RECALL_USAGE_LIMIT = 1_000;

/**
 * Everything a recall needs for one lot number: every clinic's lot (with what is left) and
 * every use of it, newest first, with who logged it and the appointment it was for. Both reads
 * are index lookups: InventoryLot(organizationId, lotNumber) and InventoryTransaction(lotId, createdAt).
 */
export async function findLotRecall(db: OrgDb, clinicIds: string[] | null, lotNumber: string) {
  const lots = await db.inventoryLot.findMany({
    where: { lotNumber, ...(clinicIds ? { item: { locationId: { in: clinicIds } } } : {}) },
    orderBy: { receivedAt: "asc" },
    select: {
      id: true,
      lotNumber: true,
      expiresOn: true,
      onHand: true,
      item: { select: { id: true, name: true, sku: true, unit: true, location: { select: { id: true, name: true } } } },
    },
  });
  const usages = lots.length
    ? await db.inventoryTransaction.findMany({
        where: { lotId: { in: lots.map((lot) => lot.id) }, kind: "usage" },
        orderBy: { createdAt: "desc" },
        take: RECALL_USAGE_LIMIT,
        select: {
          id: true,
          quantity: true,
          createdAt: true,
          itemId: true,
          locationId: true,
          actor: { select: { name: true } },
          appointment: {
            select: { id: true, title: true, startTime: true, contact: { select: { firstName: true, lastName: true } } },
          },
        },
      })
    : [];
  return { lots, usages };
}
