import "server-only";
import Link from "next/link";
import { PageHeader } from "@/components/shared/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { visibleClinics } from "@/lib/clinic/clinics";
import { LEAD_TIME_DAYS } from "@/lib/ops/book-forecast";
import { draftReorder, loadInventoryPicture } from "@/lib/ops/inventory-picture";

export const metadata = { title: "Draft a reorder" };

const money = (cents: number) => `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export default async function ReorderPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/ops/reorder">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "inventory.manage");
  const raw = (await searchParams).clinic;
  const clinics = await visibleClinics(ctx);
  const clinic = clinics.find((c) => c.id === (Array.isArray(raw) ? raw[0] : raw));
  const picture = await loadInventoryPicture(ctx.db, new Date(), clinic ? [clinic.id] : null);
  const orders = draftReorder(picture.items);
  const base = `/agency/${ctx.organization.slug}/admin`;
  const exportHref = `${base}/ops/reorder/export${clinic ? `?clinic=${clinic.id}` : ""}`;
  return (
    <div className="flex flex-col gap-6">
      <Link href={base} className="self-start text-sm text-muted-foreground hover:underline">← Needs attention</Link>
      <PageHeader
        title="Draft a reorder"
        description={`Per supplier: what runs out before a delivery (${LEAD_TIME_DAYS} days) or sits at its reorder point, brought back to par. ${picture.hasBillOfSupplies ? "The forecast includes the supplies of booked appointments." : "No bill of supplies is set up, so the forecast is the usage trend alone."}`}
        actions={orders.length ? <Button asChild variant="outline"><a href={exportHref} download>Export CSV</a></Button> : null}
      />
      <form action={`${base}/ops/reorder`} className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="reorder-clinic">Clinic</Label>
          <NativeSelect id="reorder-clinic" name="clinic" defaultValue={clinic?.id ?? ""} className="min-w-48">
            <option value="">All clinics</option>
            {clinics.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </NativeSelect>
        </div>
        <Button type="submit" variant="outline">Show</Button>
        <Link className="pb-2 text-sm underline" href={`${base}/inventory/services`}>Bills of supplies</Link>
      </form>
      {orders.length === 0 ? (
        <Card><CardContent className="py-12 text-center text-muted-foreground">Nothing needs ordering: every item lasts past the next delivery.</CardContent></Card>
      ) : (
        orders.map((order) => (
          <Card key={order.supplier}>
            <CardHeader>
              <CardTitle><h2 id={`supplier-${order.supplier}`}>{order.supplier}</h2></CardTitle>
              <CardDescription>{order.lines.length} lines · {money(order.totalCents)}</CardDescription>
            </CardHeader>
            <CardContent className="overflow-x-auto">
              <Table aria-labelledby={`supplier-${order.supplier}`}>
                <TableHeader>
                  <TableRow>
                    <TableHead scope="col">Clinic</TableHead>
                    <TableHead scope="col">Item</TableHead>
                    <TableHead scope="col" className="text-right">On hand</TableHead>
                    <TableHead scope="col" className="text-right">Order</TableHead>
                    <TableHead scope="col">Why</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {order.lines.map((l) => (
                    <TableRow key={l.itemId}>
                      <TableCell>{l.clinic}</TableCell>
                      <TableCell><Link className="hover:underline" href={`${base}/inventory/${l.itemId}`}>{l.name}</Link> <span className="text-xs text-muted-foreground">{l.sku}</span></TableCell>
                      <TableCell className="text-right tabular-nums">{l.onHand}</TableCell>
                      <TableCell className="text-right tabular-nums">{l.quantity} {l.unit}</TableCell>
                      <TableCell className="text-sm text-muted-foreground">{l.why}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
        ))
      )}
    </div>
  );
}
