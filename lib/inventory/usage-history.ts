import "server-only";
import type { OrgDb } from "@/lib/db";
import { FORECAST_WEEKS } from "@/lib/inventory/forecast";

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/**
 * Units used per item in each of the last `weeks` rolling weeks (oldest first). A week before
 * the item existed is left out rather than counted as zero, so a new item's rate is not diluted.
 */
export async function findWeeklyUsage(
  db: OrgDb,
  items: Array<{ id: string; createdAt: Date }>,
  now = new Date(),
  weeks = FORECAST_WEEKS,
): Promise<Map<string, number[]>> {
  const result = new Map<string, number[]>();
  if (items.length === 0) return result;
  const since = new Date(now.getTime() - weeks * WEEK_MS);
  const ids = items.map((item) => item.id);
  // Raw for the GROUP BY on a computed week; organizationId is explicit and the transaction
  // runs under the tenant's row-level security like every org-scoped query.
  const rows = await db.read((tx) => tx.$queryRaw<Array<{ itemId: string; weeksAgo: number; used: number }>>`
    SELECT "itemId", floor(extract(epoch FROM (${now}::timestamptz - "createdAt")) / 604800)::int AS "weeksAgo",
           (-sum("quantity"))::int AS "used"
    FROM "InventoryTransaction"
    WHERE "organizationId" = ${db.organizationId} AND "itemId" = ANY(${ids}) AND "kind" = 'usage'
      AND "createdAt" > ${since} AND "createdAt" <= ${now}
    GROUP BY 1, 2`);
  for (const item of items) {
    const existed = Math.min(weeks, Math.max(1, Math.ceil((now.getTime() - item.createdAt.getTime()) / WEEK_MS)));
    result.set(item.id, Array.from({ length: existed }, () => 0));
  }
  for (const row of rows) {
    const series = result.get(row.itemId);
    if (series && row.weeksAgo < series.length) series[series.length - 1 - row.weeksAgo]! += row.used;
  }
  return result;
}

export interface DailyPoint {
  /** YYYY-MM-DD in UTC. */
  day: string;
  onHand: number;
  used: number;
  received: number;
}

/**
 * On-hand at the end of each of the last `days` days, worked back from today's on-hand through
 * the ledger (exact even when two devices wrote in the same instant), with units used and
 * received each day.
 */
export async function findDailyHistory(db: OrgDb, item: { id: string; onHand: number }, now = new Date(), days = 60): Promise<DailyPoint[]> {
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS;
  const start = end - days * DAY_MS;
  const rows = await db.inventoryTransaction.findMany({
    where: { itemId: item.id, createdAt: { gte: new Date(start) } },
    select: { kind: true, quantity: true, createdAt: true },
  });
  const points: DailyPoint[] = Array.from({ length: days }, (_, i) => ({
    day: new Date(start + i * DAY_MS).toISOString().slice(0, 10),
    onHand: 0,
    used: 0,
    received: 0,
  }));
  const changeByDay = new Array<number>(days).fill(0);
  for (const row of rows) {
    const index = Math.min(days - 1, Math.floor((row.createdAt.getTime() - start) / DAY_MS));
    changeByDay[index]! += row.quantity;
    if (row.kind === "usage") points[index]!.used -= row.quantity;
    if (row.kind === "receipt" || row.kind === "transfer_in") points[index]!.received += row.quantity;
  }
  let onHand = item.onHand;
  for (let i = days - 1; i >= 0; i--) {
    points[i]!.onHand = onHand;
    onHand -= changeByDay[i]!;
  }
  return points;
}
