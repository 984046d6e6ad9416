import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { REORDER_HORIZON_DAYS, type Forecast } from "@/lib/inventory/forecast";
import { formatQuantity } from "@/lib/inventory/units";

/** The forecast with the arithmetic behind it, so a manager can check every number. */
export function ForecastCard({
  forecast,
  weeklyUsage,
  onHand,
  parLevel,
  reorderPoint,
  unit,
}: {
  forecast: Forecast;
  weeklyUsage: number[];
  onHand: number;
  parLevel: number;
  reorderPoint: number;
  unit: string;
}) {
  const rows: Array<[string, string, string]> = [
    [
      "Weekly usage",
      weeklyUsage.length ? `${weeklyUsage.join(", ")} ${unit}` : "none recorded",
      `the last ${weeklyUsage.length} week${weeklyUsage.length === 1 ? "" : "s"}, oldest first`,
    ],
    ["Average per week", formatQuantity(forecast.averageWeeklyUsage, unit), `sum ÷ ${forecast.weeksAveraged || 1} weeks`],
    ["Average per day", formatQuantity(forecast.averageDailyUsage, unit), "average per week ÷ 7"],
    [
      "Days until stockout",
      forecast.daysUntilStockout === null ? "not forecast" : `${forecast.daysUntilStockout} days`,
      forecast.daysUntilStockout === null ? "no usage in the period" : `${onHand} on hand ÷ ${forecast.averageDailyUsage} per day, rounded down`,
    ],
    [
      "Suggested order",
      formatQuantity(forecast.suggestedOrder, unit),
      forecast.shouldReorder
        ? `par ${parLevel} − ${onHand} on hand`
        : `none: above the reorder point (${reorderPoint}) and more than ${REORDER_HORIZON_DAYS} days of stock`,
    ],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Forecast</h2>
        </CardTitle>
        <CardDescription>From a moving average of the last weeks&apos; usage.</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-3 text-sm">
          {rows.map(([label, value, how]) => (
            <div key={label} className="grid grid-cols-[10rem_1fr] gap-2">
              <dt className="text-muted-foreground">{label}</dt>
              <dd>
                <span className="font-semibold tabular-nums">{value}</span>
                <span className="block text-xs text-muted-foreground">{how}</span>
              </dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}
