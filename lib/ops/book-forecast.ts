import { FORECAST_WEEKS } from "@/lib/inventory/forecast";

/**
 * The reorder forecast from the book: the 4-week usage trend and the supplies the booked
 * appointments ahead will use (their services' bills of supplies). The trend already holds the
 * visits of past weeks, so the two are not summed twice: over the lead time the clinic needs
 * the trend's units or the book's, whichever is more — a busy week ahead raises the forecast,
 * a thin book never lowers it below the trend. Pure: every number it returns is shown.
 */

/** Days from ordering to delivery: the next delivery an order placed today can bring. */
export const LEAD_TIME_DAYS = 7;

export interface BookForecastInput {
  onHand: number;
  reorderPoint: number;
  parLevel: number;
  /** Units used per week, oldest first (lib/inventory/usage-history.ts). */
  weeklyUsage: number[];
  /** Units the booked appointments of the next LEAD_TIME_DAYS will use; null when no bill of supplies covers the item. */
  bookedUnits: number | null;
}

export interface BookForecast {
  weeksAveraged: number;
  averageWeeklyUsage: number;
  /** Units the trend expects over the lead time. */
  trendUnits: number;
  bookedUnits: number | null;
  /** What the forecast expects over the lead time. */
  demandUnits: number;
  /** Whole days the stock lasts at that rate; null when nothing is expected to be used. */
  daysLeft: number | null;
  /** Runs out before an order placed today would arrive. */
  runsOutBeforeDelivery: boolean;
  /** Units to order: back up to par and covering the lead time's demand above the reorder point. */
  suggestedOrder: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function forecastFromBook(input: BookForecastInput, leadTimeDays = LEAD_TIME_DAYS): BookForecast {
  const window = input.weeklyUsage.slice(-FORECAST_WEEKS).map((n) => Math.max(0, n));
  const averageWeeklyUsage = window.length ? window.reduce((s, n) => s + n, 0) / window.length : 0;
  const trendUnits = (averageWeeklyUsage / 7) * leadTimeDays;
  const booked = input.bookedUnits === null ? null : Math.max(0, input.bookedUnits);
  const demandUnits = Math.max(trendUnits, booked ?? 0);
  const onHand = Math.max(0, input.onHand);
  const daily = demandUnits / leadTimeDays;
  const daysLeft = daily > 0 ? Math.floor(onHand / daily) : null;
  const runsOutBeforeDelivery = daysLeft !== null && onHand < demandUnits;
  const target = Math.max(input.parLevel, Math.ceil(demandUnits) + input.reorderPoint);
  const needsOrder = runsOutBeforeDelivery || onHand <= input.reorderPoint;
  return {
    weeksAveraged: window.length,
    averageWeeklyUsage: round1(averageWeeklyUsage),
    trendUnits: round1(trendUnits),
    bookedUnits: booked,
    demandUnits: round1(demandUnits),
    daysLeft,
    runsOutBeforeDelivery,
    suggestedOrder: needsOrder ? Math.max(0, target - onHand) : 0,
  };
}

/**
 * Units per (clinic, SKU) the booked appointments will use: each appointment's service (by
 * calendar name or title) times its bill of supplies. Appointments no service matches add nothing.
 */
export function bookedSupplies(
  appointments: Array<{ locationId: string; title: string | null; calendarName: string | null; count: number }>,
  match: (a: { title: string | null; calendarName: string | null }) => { supplies: Array<{ sku: string; quantity: number }> } | null,
): Map<string, number> {
  const units = new Map<string, number>();
  for (const a of appointments) {
    const service = match(a);
    if (!service) continue;
    for (const line of service.supplies) {
      const key = `${a.locationId}:${line.sku}`;
      units.set(key, (units.get(key) ?? 0) + line.quantity * a.count);
    }
  }
  return units;
}
