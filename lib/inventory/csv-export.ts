import "server-only";
import type { OrgDb } from "@/lib/db";
import { csvRows } from "@/lib/csv/cell";

const BATCH = 500;
export const EXPORT_COLUMNS = ["clinic", "sku", "name", "category", "unit", "cost", "supplier", "reorder_point", "par_level", "on_hand"];

/**
 * The items of the given clinics as CSV, streamed in batches of 500 by id cursor so a large
 * agency never sits in memory at once. The columns are the import's plus clinic and on_hand,
 * which an import reads past: an export can be edited and imported back.
 */
export function streamInventoryCsv(db: OrgDb, locationIds: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvRows([], { header: EXPORT_COLUMNS })));
      }
      const items = await db.inventoryItem.findMany({
        where: { locationId: { in: locationIds } },
        orderBy: { id: "asc" },
        take: BATCH,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        select: {
          id: true, sku: true, name: true, category: true, unit: true, costCents: true, supplier: true,
          reorderPoint: true, parLevel: true, onHand: true, location: { select: { name: true } },
        },
      });
      if (items.length === 0) return controller.close();
      cursor = items.at(-1)!.id;
      const rows = items.map((item) => [
        item.location.name, item.sku, item.name, item.category, item.unit,
        (item.costCents / 100).toFixed(2), item.supplier ?? "", item.reorderPoint, item.parLevel, item.onHand,
      ]);
      controller.enqueue(encoder.encode(csvRows(rows)));
      if (items.length < BATCH) controller.close();
    },
  });
}
