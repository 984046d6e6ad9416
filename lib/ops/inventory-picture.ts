import "server-only";
import type { OrgDb } from "@/lib/db";
import { FORECAST_WEEKS } from "@/lib/inventory/forecast";
import { bookedSupplies, forecastFromBook, LEAD_TIME_DAYS, type BookForecast } from "@/lib/ops/book-forecast";
import { matchService } from "@/lib/ops/services";

const DAY_MS = 86_400_000;

export interface PictureItem {
  id: string;
  locationId: string;
  clinicName: string;
  timezone: string;
  sku: string;
  name: string;
  unit: string;
  supplier: string | null;
  costCents: number;
  onHand: number;
  reorderPoint: number;
  parLevel: number;
  /** Units used in the last 4 weeks. */
  recentUsage: number;
  forecast: BookForecast;
}

/**
 * Every item of the agency (or of some clinics) with its forecast from the usage trend and the
 * booked appointments of the lead time. A handful of statements whatever the size: items, one
 * grouped usage query, one grouped appointment query, services and calendars.
 */
export async function loadInventoryPicture(db: OrgDb, now: Date, locationIds?: string[] | null): Promise<{ items: PictureItem[]; hasBillOfSupplies: boolean }> {
  const clinicFilter = locationIds ? { locationId: { in: locationIds } } : {};
  const since = new Date(now.getTime() - FORECAST_WEEKS * 7 * DAY_MS);
  const until = new Date(now.getTime() + LEAD_TIME_DAYS * DAY_MS);
  const [items, services, calendars] = await Promise.all([
    db.inventoryItem.findMany({
      where: clinicFilter,
      select: {
        id: true, locationId: true, sku: true, name: true, unit: true, supplier: true, costCents: true, onHand: true, reorderPoint: true, parLevel: true, createdAt: true,
        location: { select: { name: true, timezone: true } },
      },
    }),
    db.service.findMany({ select: { name: true, match: true, priceCents: true, supplies: { select: { sku: true, quantity: true } } } }),
    db.calendar.findMany({ where: clinicFilter, select: { locationId: true, ghlCalendarId: true, name: true } }),
  ]);
  if (items.length === 0) return { items: [], hasBillOfSupplies: services.length > 0 };
  const locations = locationIds ?? null;
  // Raw for the GROUP BY on computed weeks and on the book; organizationId is explicit and the
  // transaction runs under the tenant's row-level security like every org-scoped query.
  const [usage, book] = await db.read(async (tx) => [
    await tx.$queryRaw<Array<{ itemId: string; weeksAgo: number; used: number }>>`
      SELECT "itemId", floor(extract(epoch FROM (${now}::timestamptz - "createdAt")) / 604800)::int AS "weeksAgo", (-sum("quantity"))::int AS "used"
      FROM "InventoryTransaction"
      WHERE "organizationId" = ${db.organizationId} AND "kind" = 'usage' AND "createdAt" > ${since} AND "createdAt" <= ${now}
        AND (${locations}::text[] IS NULL OR "locationId" = ANY(${locations}::text[]))
      GROUP BY 1, 2`,
    services.length
      ? await tx.$queryRaw<Array<{ locationId: string; calendarId: string | null; title: string | null; count: number }>>`
      SELECT "locationId", "calendarId", "title", count(*)::int AS "count"
      FROM "Appointment"
      WHERE "organizationId" = ${db.organizationId} AND "deletedAt" IS NULL AND "status" IN ('new', 'confirmed')
        AND "startTime" >= ${now} AND "startTime" < ${until}
        AND (${locations}::text[] IS NULL OR "locationId" = ANY(${locations}::text[]))
      GROUP BY 1, 2, 3`
      : [],
  ] as const);
  const weekly = new Map<string, number[]>();
  for (const item of items) {
    const existed = Math.min(FORECAST_WEEKS, Math.max(1, Math.ceil((now.getTime() - item.createdAt.getTime()) / (7 * DAY_MS))));
    weekly.set(item.id, Array.from({ length: existed }, () => 0));
  }
  for (const row of usage) {
    const series = weekly.get(row.itemId);
    if (series && row.weeksAgo < series.length) series[series.length - 1 - row.weeksAgo]! += row.used;
  }
  const calendarName = new Map(calendars.map((c) => [`${c.locationId}:${c.ghlCalendarId}`, c.name]));
  const booked = bookedSupplies(
    book.map((b) => ({ locationId: b.locationId, title: b.title, calendarName: b.calendarId ? (calendarName.get(`${b.locationId}:${b.calendarId}`) ?? null) : null, count: b.count })),
    (a) => matchService(services, a),
  );
  const mappedSkus = new Set(services.flatMap((s) => s.supplies.map((l) => l.sku)));
  return {
    hasBillOfSupplies: services.length > 0,
    items: items.map((item) => {
      const weeklyUsage = weekly.get(item.id)!;
      const bookedUnits = mappedSkus.has(item.sku) ? (booked.get(`${item.locationId}:${item.sku}`) ?? 0) : null;
      return {
        id: item.id,
        locationId: item.locationId,
        clinicName: item.location.name,
        timezone: item.location.timezone,
        sku: item.sku,
        name: item.name,
        unit: item.unit,
        supplier: item.supplier,
        costCents: item.costCents,
        onHand: item.onHand,
        reorderPoint: item.reorderPoint,
        parLevel: item.parLevel,
        recentUsage: weeklyUsage.reduce((s, n) => s + n, 0),
        forecast: forecastFromBook({ onHand: item.onHand, reorderPoint: item.reorderPoint, parLevel: item.parLevel, weeklyUsage, bookedUnits }),
      };
    }),
  };
}

export interface ReorderLine {
  itemId: string;
  clinic: string;
  sku: string;
  name: string;
  unit: string;
  onHand: number;
  quantity: number;
  costCents: number;
  why: string;
}

/** A suggested order per supplier: every item that runs out before delivery or sits at its reorder point. */
export function draftReorder(items: PictureItem[]): Array<{ supplier: string; lines: ReorderLine[]; totalCents: number }> {
  const bySupplier = new Map<string, ReorderLine[]>();
  for (const item of items) {
    const f = item.forecast;
    if (f.suggestedOrder <= 0) continue;
    const why = f.runsOutBeforeDelivery
      ? `lasts ${f.daysLeft} days, delivery takes ${LEAD_TIME_DAYS}`
      : `at or below the reorder point (${item.reorderPoint})`;
    const supplier = item.supplier?.trim() || "No supplier set";
    const lines = bySupplier.get(supplier) ?? [];
    lines.push({ itemId: item.id, clinic: item.clinicName, sku: item.sku, name: item.name, unit: item.unit, onHand: item.onHand, quantity: f.suggestedOrder, costCents: item.costCents, why });
    bySupplier.set(supplier, lines);
  }
  return [...bySupplier.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([supplier, lines]) => ({
      supplier,
      lines: lines.sort((a, b) => a.clinic.localeCompare(b.clinic) || a.name.localeCompare(b.name)),
      totalCents: lines.reduce((s, l) => s + l.quantity * l.costCents, 0),
    }));
}
