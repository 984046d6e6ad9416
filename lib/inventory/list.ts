import "server-only";
import { likeLiteral } from "@/lib/db/like";
import type { OrgDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { expiryCutoff } from "@/lib/inventory/expiry";
import { forecastStock } from "@/lib/inventory/forecast";
import type { TInventoryFilter } from "@/lib/inventory/schemas";
import { findWeeklyUsage } from "@/lib/inventory/usage-history";

export const INVENTORY_PAGE_SIZE = 25;

function itemWhere(db: OrgDb, clinicIds: string[] | null, filter: TInventoryFilter, now: Date): Prisma.InventoryItemWhereInput {
  const and: Prisma.InventoryItemWhereInput[] = [];
  // A clinic outside the member's scope matches nothing rather than widening to all clinics.
  if (filter.clinic) and.push({ locationId: clinicIds && !clinicIds.includes(filter.clinic) ? "__none__" : filter.clinic });
  else if (clinicIds) and.push({ locationId: { in: clinicIds } });
  if (filter.category) and.push({ category: filter.category });
  if (filter.q) {
    const contains = likeLiteral(filter.q);
    and.push({ OR: [{ name: { contains, mode: "insensitive" } }, { sku: { contains, mode: "insensitive" } }] });
  }
  if (filter.status === "low") and.push({ onHand: { lte: db.inventoryItem.fields.reorderPoint } });
  if (filter.status === "expiring") and.push({ lots: { some: { onHand: { gt: 0 }, expiresOn: { lte: expiryCutoff(now) } } } });
  return and.length ? { AND: and } : {};
}

/** One page of the agency inventory with each item's soonest expiry and forecast. */
export async function findInventoryPage(db: OrgDb, clinicIds: string[] | null, filter: TInventoryFilter, now = new Date()) {
  const where = itemWhere(db, clinicIds, filter, now);
  const [total, rows, categories] = await Promise.all([
    db.inventoryItem.count({ where }),
    db.inventoryItem.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (filter.page - 1) * INVENTORY_PAGE_SIZE,
      take: INVENTORY_PAGE_SIZE,
      select: {
        id: true,
        sku: true,
        name: true,
        category: true,
        unit: true,
        onHand: true,
        reorderPoint: true,
        parLevel: true,
        createdAt: true,
        location: { select: { id: true, name: true } },
        lots: {
          where: { onHand: { gt: 0 }, expiresOn: { not: null } },
          orderBy: { expiresOn: "asc" },
          take: 1,
          select: { lotNumber: true, expiresOn: true },
        },
      },
    }),
    db.inventoryItem.findMany({
      where: clinicIds ? { locationId: { in: clinicIds } } : {},
      distinct: ["category"],
      orderBy: { category: "asc" },
      select: { category: true },
    }),
  ]);
  const usage = await findWeeklyUsage(db, rows, now);
  const items = rows.map(({ lots, ...item }) => ({
    ...item,
    soonestExpiry: lots[0] ?? null,
    forecast: forecastStock({ ...item, weeklyUsage: usage.get(item.id) ?? [] }),
  }));
  return {
    items,
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / INVENTORY_PAGE_SIZE)),
    categories: categories.map((c) => c.category),
  };
}
