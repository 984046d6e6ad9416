import "server-only";
import type { OrgDb } from "@/lib/db";
import { expiryCutoff } from "@/lib/inventory/expiry";


export interface AlertScope {
  /** Limit to these clinics (a clinic staff member's); null or absent: every clinic of the agency. */
  locationIds?: string[] | null;
  now?: Date;
  /** Rows returned per list; the counts are always complete. */
  limit?: number;
}

function clinicFilter(locationIds: string[] | null | undefined) {
  return locationIds ? { locationId: { in: locationIds } } : {};
}

/** Items at or below their reorder point. Compares two columns of the row, so it uses an index-free filter. */
function lowStockWhere(db: OrgDb, locationIds: string[] | null | undefined) {
  return { ...clinicFilter(locationIds), onHand: { lte: db.inventoryItem.fields.reorderPoint } };
}

function expiringLotWhere(scope: AlertScope) {
  return {
    onHand: { gt: 0 },
    expiresOn: { lte: expiryCutoff(scope.now) },
    ...(scope.locationIds ? { item: { locationId: { in: scope.locationIds } } } : {}),
  };
}

export async function countLowStock(db: OrgDb, scope: Pick<AlertScope, "locationIds"> = {}): Promise<number> {
  return db.inventoryItem.count({ where: lowStockWhere(db, scope.locationIds) });
}

export async function countExpiringLots(db: OrgDb, scope: Omit<AlertScope, "limit"> = {}): Promise<number> {
  return db.inventoryLot.count({ where: expiringLotWhere(scope) });
}

/** Low-stock items and lots expiring within 30 days, most urgent first: for the dashboard and the digest. */
export async function findInventoryAlerts(db: OrgDb, scope: AlertScope = {}) {
  const take = scope.limit ?? 10;
  const [lowStock, lowStockCount, expiringLots, expiringCount] = await Promise.all([
    db.inventoryItem.findMany({
      where: lowStockWhere(db, scope.locationIds),
      orderBy: [{ onHand: "asc" }, { name: "asc" }],
      take,
      select: { id: true, sku: true, name: true, unit: true, onHand: true, reorderPoint: true, parLevel: true, location: { select: { id: true, name: true } } },
    }),
    countLowStock(db, scope),
    db.inventoryLot.findMany({
      where: expiringLotWhere(scope),
      orderBy: [{ expiresOn: "asc" }, { lotNumber: "asc" }],
      take,
      select: {
        id: true,
        lotNumber: true,
        expiresOn: true,
        onHand: true,
        item: { select: { id: true, name: true, unit: true, location: { select: { id: true, name: true } } } },
      },
    }),
    countExpiringLots(db, scope),
  ]);
  return { lowStock, lowStockCount, expiringLots, expiringCount };
}

export type InventoryAlerts = Awaited<ReturnType<typeof findInventoryAlerts>>;
