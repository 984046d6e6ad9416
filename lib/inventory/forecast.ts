/**
 * Days until stockout and a suggested order, from a moving average of weekly usage. Pure: the
 * page shows every number this returns, so a manager can check the arithmetic.
 */

/** How many recent full weeks the average looks at. */
export const FORECAST_WEEKS = 4;
/** Order when the forecast says stock runs out within this many days (a typical supplier lead time plus a margin). */
export const REORDER_HORIZON_DAYS = 14;

export interface ForecastInput {
  onHand: number;
  reorderPoint: number;
  parLevel: number;
  /** Units used per week, oldest first; only weeks the item existed for. */
  weeklyUsage: number[];
}

export interface Forecast {
  weeksAveraged: number;
  /** Mean of the weeks averaged. */
  averageWeeklyUsage: number;
  averageDailyUsage: number;
  /** null when nothing was used: at this rate it never runs out. */
  daysUntilStockout: number | null;
  /** Units to order to bring stock back up to par (0 when at or above par). */
  suggestedOrder: number;
  /** At or below the reorder point, or forecast to run out within the horizon. */
  shouldReorder: boolean;
}

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

export function forecastStock(input: ForecastInput, weeks = FORECAST_WEEKS): Forecast {
  const window = input.weeklyUsage.slice(-weeks).map((n) => Math.max(0, n));
  const averageWeeklyUsage = window.length ? window.reduce((sum, n) => sum + n, 0) / window.length : 0;
  const averageDailyUsage = averageWeeklyUsage / 7;
  const onHand = Math.max(0, input.onHand);
  const daysUntilStockout = averageDailyUsage > 0 ? Math.floor(onHand / averageDailyUsage) : null;
  const suggestedOrder = Math.max(0, input.parLevel - onHand);
  const shouldReorder =
    onHand <= input.reorderPoint || (daysUntilStockout !== null && daysUntilStockout <= REORDER_HORIZON_DAYS);
  return {
    weeksAveraged: window.length,
    averageWeeklyUsage: round(averageWeeklyUsage, 2),
    averageDailyUsage: round(averageDailyUsage, 2),
    daysUntilStockout,
    suggestedOrder: shouldReorder ? suggestedOrder : 0,
    shouldReorder,
  };
}
