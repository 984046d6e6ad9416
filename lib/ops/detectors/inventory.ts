import "server-only";
import { EXPIRY_WARNING_DAYS } from "@/lib/inventory/expiry";
import { LEAD_TIME_DAYS } from "@/lib/ops/book-forecast";
import type { DetectedFinding, Detector, DetectorContext } from "@/lib/ops/findings";
import { loadInventoryPicture, type PictureItem } from "@/lib/ops/inventory-picture";
import { zonedDateKey } from "@/lib/time/zoned";

/**
 * Supplies: an item that runs out before an order placed today would arrive, an item at zero
 * that is still being used, a lot expiring within 30 days (or expired) with stock, and a
 * recalled lot still in stock.
 */

const DAY_MS = 86_400_000;

const reorderAction = (orgSlug: string, locationId: string) => ({ kind: "inventory.reorder", label: "Draft a reorder", href: `/agency/${orgSlug}/admin/ops/reorder?clinic=${locationId}` });

export function stockRule(input: { items: PictureItem[]; hasBillOfSupplies: boolean; orgSlug: string }): DetectedFinding[] {
  const out: DetectedFinding[] = [];
  for (const item of input.items) {
    const f = item.forecast;
    const records = [{ label: `${item.name} (${item.sku})`, href: `/agency/${input.orgSlug}/admin/inventory/${item.id}` }];
    const bookText =
      f.bookedUnits === null
        ? input.hasBillOfSupplies
          ? " No service's bill of supplies uses this item, so the forecast is the usage trend alone."
          : " No bill of supplies is set up, so the forecast is the usage trend alone."
        : ` Appointments booked for the next ${LEAD_TIME_DAYS} days need ${f.bookedUnits}.`;
    if (item.onHand === 0) {
      if (item.recentUsage <= 0 && !(f.bookedUnits && f.bookedUnits > 0)) continue;
      out.push({
        locationId: item.locationId,
        kind: "inventory.out_of_stock",
        subjectKey: item.id,
        severity: f.bookedUnits && f.bookedUnits > 0 ? "critical" : "high",
        title: `${item.clinicName}: out of ${item.name}`,
        reason: `None left, and ${item.recentUsage} ${item.unit} were used in the last ${f.weeksAveraged} week${f.weeksAveraged === 1 ? "" : "s"}.${bookText} Suggested order: ${f.suggestedOrder} ${item.unit}.`,
        records,
        action: reorderAction(input.orgSlug, item.locationId),
      });
      continue;
    }
    if (!f.runsOutBeforeDelivery) continue;
    out.push({
      locationId: item.locationId,
      kind: "inventory.stockout_ahead",
      subjectKey: item.id,
      severity: f.daysLeft !== null && f.daysLeft <= 2 ? "high" : "medium",
      title: `${item.clinicName}: ${item.name} runs out in ${f.daysLeft} day${f.daysLeft === 1 ? "" : "s"}`,
      reason: `${item.onHand} ${item.unit} on hand. Usage averaged ${f.averageWeeklyUsage} a week over ${f.weeksAveraged} week${f.weeksAveraged === 1 ? "" : "s"} (${f.trendUnits} over the ${LEAD_TIME_DAYS}-day delivery time).${bookText} Expected use before a delivery: ${f.demandUnits}. Suggested order: ${f.suggestedOrder} ${item.unit}.`,
      records,
      action: reorderAction(input.orgSlug, item.locationId),
    });
  }
  return out;
}

export interface StockedLot {
  id: string;
  lotNumber: string;
  /** A calendar date (stored as UTC midnight). */
  expiresOn: Date | null;
  onHand: number;
  item: { id: string; name: string; unit: string; locationId: string; clinicName: string; timezone: string };
}

/** Days from the clinic's local today to the lot's expiry date (negative once expired). */
export function daysToExpiry(expiresOn: Date, now: Date, timezone: string): number {
  const today = Date.parse(`${zonedDateKey(now, timezone)}T00:00:00Z`);
  return Math.round((Date.UTC(expiresOn.getUTCFullYear(), expiresOn.getUTCMonth(), expiresOn.getUTCDate()) - today) / DAY_MS);
}

export function lotRule(input: { lots: StockedLot[]; recalls: Map<string, string>; now: Date; orgSlug: string }): DetectedFinding[] {
  const out: DetectedFinding[] = [];
  for (const lot of input.lots) {
    if (lot.onHand <= 0) continue;
    const label = lot.lotNumber || "(no lot number)";
    const records = [
      { label: lot.item.name, href: `/agency/${input.orgSlug}/admin/inventory/${lot.item.id}` },
      ...(lot.lotNumber ? [{ label: `Every clinic holding lot ${lot.lotNumber}`, href: `/agency/${input.orgSlug}/admin/inventory/recall?lot=${encodeURIComponent(lot.lotNumber)}` }] : []),
    ];
    const quarantine = { kind: "inventory.quarantine", label: "Quarantine the lot" };
    const recall = lot.lotNumber ? input.recalls.get(lot.lotNumber) : undefined;
    if (recall !== undefined) {
      out.push({
        locationId: lot.item.locationId,
        kind: "inventory.lot_recalled",
        subjectKey: lot.id,
        severity: "critical",
        title: `${lot.item.clinicName}: recalled lot ${label} of ${lot.item.name} in stock`,
        reason: `${lot.onHand} ${lot.item.unit} of lot ${label} are still in stock. Recall: ${recall}`,
        records,
        action: quarantine,
      });
      continue;
    }
    if (!lot.expiresOn) continue;
    const days = daysToExpiry(lot.expiresOn, input.now, lot.item.timezone);
    if (days > EXPIRY_WARNING_DAYS) continue;
    const date = lot.expiresOn.toISOString().slice(0, 10);
    const expired = days < 0;
    out.push({
      locationId: lot.item.locationId,
      kind: "inventory.lot_expiring",
      subjectKey: lot.id,
      severity: expired || days <= 7 ? "high" : "medium",
      title: expired ? `${lot.item.clinicName}: lot ${label} of ${lot.item.name} has expired` : `${lot.item.clinicName}: lot ${label} of ${lot.item.name} expires in ${days} day${days === 1 ? "" : "s"}`,
      reason: expired
        ? `${lot.onHand} ${lot.item.unit} expired on ${date} (${-days} day${days === -1 ? "" : "s"} ago) and are still counted as stock.`
        : `${lot.onHand} ${lot.item.unit} expire on ${date}${days === 0 ? ", today" : `, in ${days} day${days === 1 ? "" : "s"}`}. Use them first or move them to a busier clinic.`,
      records,
      action: expired ? quarantine : { kind: "link", label: "Open the item", href: `/agency/${input.orgSlug}/admin/inventory/${lot.item.id}` },
    });
  }
  return out;
}

export const stockDetector: Detector = {
  kinds: ["inventory.stockout_ahead", "inventory.out_of_stock"],
  async run(ctx: DetectorContext) {
    const picture = await loadInventoryPicture(ctx.db, ctx.now);
    return stockRule({ ...picture, orgSlug: ctx.orgSlug });
  },
};

export const lotDetector: Detector = {
  kinds: ["inventory.lot_expiring", "inventory.lot_recalled"],
  async run(ctx: DetectorContext) {
    const recalls = await ctx.db.lotRecall.findMany({ select: { lotNumber: true, reason: true } });
    const recalled = recalls.map((r) => r.lotNumber);
    // Dates are stored without a zone: one day of margin covers every clinic's "today".
    const cutoff = new Date(ctx.now.getTime() + (EXPIRY_WARNING_DAYS + 1) * DAY_MS);
    const lots = await ctx.db.inventoryLot.findMany({
      where: { onHand: { gt: 0 }, OR: [{ expiresOn: { lte: cutoff } }, ...(recalled.length ? [{ lotNumber: { in: recalled } }] : [])] },
      select: {
        id: true,
        lotNumber: true,
        expiresOn: true,
        onHand: true,
        item: { select: { id: true, name: true, unit: true, locationId: true, location: { select: { name: true, timezone: true } } } },
      },
    });
    return lotRule({
      lots: lots.map((l) => ({ ...l, item: { id: l.item.id, name: l.item.name, unit: l.item.unit, locationId: l.item.locationId, clinicName: l.item.location.name, timezone: l.item.location.timezone } })),
      recalls: new Map(recalls.map((r) => [r.lotNumber, r.reason])),
      now: ctx.now,
      orgSlug: ctx.orgSlug,
    });
  },
};
