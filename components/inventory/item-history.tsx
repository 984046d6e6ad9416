import { ItemHistoryChart } from "@/components/inventory/item-history-chart";
import type { DailyPoint } from "@/lib/inventory/usage-history";
import { formatQuantity } from "@/lib/inventory/units";

/** The chart with its text equivalent: a summary sentence and the numbers as a table. */
export function ItemHistory({ points, unit }: { points: DailyPoint[]; unit: string }) {
  const first = points[0];
  const last = points.at(-1);
  const used = points.reduce((sum, p) => sum + p.used, 0);
  const received = points.reduce((sum, p) => sum + p.received, 0);
  const low = points.reduce((min, p) => Math.min(min, p.onHand), Number.POSITIVE_INFINITY);
  const summary =
    first && last
      ? `Over the last ${points.length} days on hand went from ${first.onHand} to ${formatQuantity(last.onHand, unit)} (lowest ${low}); ${used} used and ${received} received.`
      : "No history yet.";
  return (
    <figure className="flex flex-col gap-3">
      <figcaption className="text-sm text-muted-foreground">{summary}</figcaption>
      <ItemHistoryChart points={points} unit={unit} />
      <details className="text-sm">
        <summary className="cursor-pointer text-primary">Show the chart&apos;s numbers as a table</summary>
        <div className="mt-2 max-h-72 overflow-y-auto">
          <table className="w-full text-left tabular-nums">
            <caption className="sr-only">On hand, used and received per day</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col" className="text-right">On hand</th>
                <th scope="col" className="text-right">Used</th>
                <th scope="col" className="text-right">Received</th>
              </tr>
            </thead>
            <tbody>
              {[...points].reverse().map((p) => (
                <tr key={p.day} className="border-t">
                  <th scope="row" className="font-normal">{p.day}</th>
                  <td className="text-right">{p.onHand}</td>
                  <td className="text-right">{p.used}</td>
                  <td className="text-right">{p.received}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
