import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { StockBadge, expiryPhrase, formatDay } from "@/components/inventory/stock-badge";
import type { findInventoryPage } from "@/lib/inventory/list";
import { unitFor } from "@/lib/inventory/units";

type Row = Awaited<ReturnType<typeof findInventoryPage>>["items"][number];

export function InventoryTable({ base, items }: { base: string; items: Row[] }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Item</TableHead>
          <TableHead scope="col">Clinic</TableHead>
          <TableHead scope="col" className="text-right">On hand</TableHead>
          <TableHead scope="col">Status</TableHead>
          <TableHead scope="col" className="text-right">Days left</TableHead>
          <TableHead scope="col" className="text-right">Suggested order</TableHead>
          <TableHead scope="col">Soonest expiry</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.id}>
            <TableCell>
              <Link href={`${base}/${item.id}`} className="font-medium hover:underline">
                {item.name}
              </Link>
              <div className="text-xs text-muted-foreground">
                {item.sku} · {item.category}
              </div>
            </TableCell>
            <TableCell className="text-sm">{item.location.name}</TableCell>
            <TableCell className="text-right tabular-nums">
              {item.onHand} <span className="text-xs text-muted-foreground">{unitFor(item.onHand, item.unit)}</span>
              <div className="text-xs text-muted-foreground">reorder at {item.reorderPoint}</div>
            </TableCell>
            <TableCell>
              <StockBadge onHand={item.onHand} reorderPoint={item.reorderPoint} />
            </TableCell>
            <TableCell className="text-right tabular-nums">{item.forecast.daysUntilStockout ?? <span aria-label="No recent usage">—</span>}</TableCell>
            <TableCell className="text-right tabular-nums">{item.forecast.suggestedOrder || "—"}</TableCell>
            <TableCell className="text-sm">
              {item.soonestExpiry?.expiresOn ? (
                <>
                  {formatDay(item.soonestExpiry.expiresOn)}
                  <div className="text-xs text-muted-foreground">{expiryPhrase(item.soonestExpiry.expiresOn)}</div>
                </>
              ) : (
                "—"
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
