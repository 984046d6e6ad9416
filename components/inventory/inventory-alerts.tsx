import Link from "next/link";
import { AlertTriangle, CalendarClock } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDay, expiryPhrase } from "@/components/inventory/stock-badge";
import type { InventoryAlerts as Alerts } from "@/lib/inventory/alerts";
import { EXPIRY_WARNING_DAYS } from "@/lib/inventory/expiry";
import { formatQuantity } from "@/lib/inventory/units";

/**
 * Low-stock items and lots expiring within 30 days, as found by `findInventoryAlerts` for the
 * clinics the member may see; `base` is the agency's inventory path.
 */
export function InventoryAlerts({ alerts, base }: { alerts: Alerts; base: string }) {
  return (
    <section aria-labelledby="inventory-alerts-heading" className="grid gap-4 md:grid-cols-2">
      <h2 id="inventory-alerts-heading" className="sr-only">
        Supply alerts
      </h2>
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <AlertTriangle aria-hidden="true" className="size-4 text-warning" />
            <h3>Low stock ({alerts.lowStockCount})</h3>
          </CardTitle>
          <CardDescription>At or below the reorder point.</CardDescription>
        </CardHeader>
        <CardContent>
          {alerts.lowStock.length === 0 ? (
            <p className="text-sm text-muted-foreground">Every item is above its reorder point.</p>
          ) : (
            <ul className="flex flex-col divide-y text-sm">
              {alerts.lowStock.map((item) => (
                <li key={item.id} className="flex items-center justify-between gap-3 py-2">
                  <span className="min-w-0">
                    <Link href={`${base}/${item.id}`} className="font-medium hover:underline">
                      {item.name}
                    </Link>
                    <span className="block truncate text-xs text-muted-foreground">{item.location.name}</span>
                  </span>
                  <span className="shrink-0 tabular-nums">
                    {formatQuantity(item.onHand, item.unit)} <span className="text-muted-foreground">/ reorder at {item.reorderPoint}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {alerts.lowStockCount > alerts.lowStock.length && (
            <Link href={`${base}?status=low`} className="mt-2 inline-block text-sm text-primary hover:underline">
              All {alerts.lowStockCount} low-stock items
            </Link>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <CalendarClock aria-hidden="true" className="size-4 text-warning" />
            <h3>Expiring soon ({alerts.expiringCount})</h3>
          </CardTitle>
          <CardDescription>Lots in stock that expire within {EXPIRY_WARNING_DAYS} days.</CardDescription>
        </CardHeader>
        <CardContent>
          {alerts.expiringLots.length === 0 ? (
            <p className="text-sm text-muted-foreground">No lot expires in the next {EXPIRY_WARNING_DAYS} days.</p>
          ) : (
            <ul className="flex flex-col divide-y text-sm">
              {alerts.expiringLots.map((lot) => (
                <li key={lot.id} className="flex items-center justify-between gap-3 py-2">
                  <span className="min-w-0">
                    <Link href={`${base}/${lot.item.id}`} className="font-medium hover:underline">
                      {lot.item.name}
                    </Link>
                    <span className="block truncate text-xs text-muted-foreground">
                      Lot {lot.lotNumber || "without number"} · {lot.item.location.name}
                    </span>
                  </span>
                  <span className="shrink-0 text-right tabular-nums">
                    {formatDay(lot.expiresOn!)}
                    <span className="block text-xs text-muted-foreground">
                      {expiryPhrase(lot.expiresOn!)} · {formatQuantity(lot.onHand, lot.item.unit)}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {alerts.expiringCount > alerts.expiringLots.length && (
            <Link href={`${base}?status=expiring`} className="mt-2 inline-block text-sm text-primary hover:underline">
              All items with expiring lots
            </Link>
          )}
        </CardContent>
      </Card>
    </section>
  );
}
