import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { findItemTransactions } from "@/lib/inventory/items";
import { formatInZone } from "@/lib/time/zoned";

const KIND_LABELS: Record<string, string> = {
  usage: "Used",
  receipt: "Received",
  adjustment: "Adjusted",
  transfer_out: "Transferred out",
  transfer_in: "Transferred in",
};

type Row = Awaited<ReturnType<typeof findItemTransactions>>[number];

/** The newest changes of an item: what, how many, which lot, who, and for which appointment. */
export function ItemLedger({ rows, timezone }: { rows: Row[]; timezone: string }) {
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">Nothing recorded yet.</p>;
  const when = (date: Date) => formatInZone(date, timezone, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">When</TableHead>
          <TableHead scope="col">What</TableHead>
          <TableHead scope="col" className="text-right">Change</TableHead>
          <TableHead scope="col" className="text-right">On hand after</TableHead>
          <TableHead scope="col">Lot</TableHead>
          <TableHead scope="col">By</TableHead>
          <TableHead scope="col">Note</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell className="whitespace-nowrap text-sm">{when(row.createdAt)}</TableCell>
            <TableCell className="text-sm">{KIND_LABELS[row.kind] ?? row.kind}</TableCell>
            <TableCell className="text-right tabular-nums">{row.quantity > 0 ? `+${row.quantity}` : row.quantity}</TableCell>
            <TableCell className="text-right tabular-nums">{row.onHandAfter}</TableCell>
            <TableCell className="text-sm">{row.lot?.lotNumber || "—"}</TableCell>
            <TableCell className="text-sm">{row.actor?.name ?? "—"}</TableCell>
            <TableCell className="text-sm text-muted-foreground">
              {row.reason ?? (row.appointment ? `${row.appointment.title ?? "Appointment"}, ${when(row.appointment.startTime)}` : "")}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
