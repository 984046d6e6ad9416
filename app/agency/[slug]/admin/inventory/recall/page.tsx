import "server-only";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PageHeader } from "@/components/shared/page-header";
import { formatDay } from "@/components/inventory/stock-badge";
import { allows } from "@/lib/auth/context";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { findLotRecall, RECALL_USAGE_LIMIT } from "@/lib/inventory/recall";
import { ZRecallQuery } from "@/lib/inventory/schemas";
import { RecallForm } from "@/components/ops/service-form";

import { formatQuantity } from "@/lib/inventory/units";

export const metadata = { title: "Lot recall" };

const dateTime = (date: Date) => date.toLocaleString("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });

export default async function LotRecallPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/inventory/recall">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "agency.view");
  const rawLot = (await searchParams).lot;
  const { lot } = ZRecallQuery.parse({ lot: Array.isArray(rawLot) ? rawLot[0] : rawLot });
  const recall = lot ? await findLotRecall(ctx.db, ctx.clinicIds, lot) : null;
  const base = `/agency/${ctx.organization.slug}/admin/inventory`;
  const clinicName = new Map(recall?.lots.map((l) => [l.item.location.id, l.item.location.name]));
  const itemName = new Map(recall?.lots.map((l) => [l.item.id, l.item.name]));
  return (
    <div className="flex flex-col gap-6">
      <Link href={base} className="self-start text-sm text-muted-foreground hover:underline">
        ← Inventory
      </Link>
      <PageHeader title="Lot recall" description="Every clinic holding a lot, and every use of it." />
      <form method="get" role="search" aria-label="Find a lot" className="flex max-w-md items-end gap-2">
        <div className="flex flex-1 flex-col gap-1.5">
          <Label htmlFor="recall-lot">Lot number</Label>
          <Input id="recall-lot" name="lot" defaultValue={lot ?? ""} autoComplete="off" required />
        </div>
        <Button type="submit">Find</Button>
      </form>
      {recall && recall.lots.length === 0 && (
        <p role="status" className="text-sm text-muted-foreground">
          No clinic has received lot {lot}.
        </p>
      )}
      {recall && recall.lots.length > 0 && (
        <>
          {lot && allows(ctx, "inventory.manage") && <RecallForm slug={ctx.organization.slug} lotNumber={lot} />}
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>
                  Clinics with lot {lot} ({recall.lots.length})
                </h2>
              </CardTitle>
            </CardHeader>
            <CardContent className="overflow-x-auto">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead scope="col">Clinic</TableHead>
                    <TableHead scope="col">Item</TableHead>
                    <TableHead scope="col" className="text-right">Still on hand</TableHead>
                    <TableHead scope="col">Expires</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {recall.lots.map((l) => (
                    <TableRow key={l.id}>
                      <TableCell>{l.item.location.name}</TableCell>
                      <TableCell>
                        <Link href={`${base}/${l.item.id}`} className="hover:underline">
                          {l.item.name}
                        </Link>
                      </TableCell>
                      <TableCell className="text-right tabular-nums">
                        {formatQuantity(l.onHand, l.item.unit)}
                      </TableCell>
                      <TableCell>{l.expiresOn ? formatDay(l.expiresOn) : "—"}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>Uses of lot {lot} ({recall.usages.length === RECALL_USAGE_LIMIT ? `newest ${RECALL_USAGE_LIMIT}` : recall.usages.length})</h2>
              </CardTitle>
            </CardHeader>
            <CardContent className="overflow-x-auto">
              {recall.usages.length === 0 ? (
                <p className="text-sm text-muted-foreground">No use of this lot has been logged.</p>
              ) : (
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead scope="col">When</TableHead>
                      <TableHead scope="col">Clinic</TableHead>
                      <TableHead scope="col">Item</TableHead>
                      <TableHead scope="col" className="text-right">Quantity</TableHead>
                      <TableHead scope="col">Logged by</TableHead>
                      <TableHead scope="col">Appointment</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {recall.usages.map((u) => (
                      <TableRow key={u.id}>
                        <TableCell className="whitespace-nowrap text-sm">{dateTime(u.createdAt)}</TableCell>
                        <TableCell className="text-sm">{clinicName.get(u.locationId)}</TableCell>
                        <TableCell className="text-sm">{itemName.get(u.itemId)}</TableCell>
                        <TableCell className="text-right tabular-nums">{-u.quantity}</TableCell>
                        <TableCell className="text-sm">{u.actor?.name ?? "—"}</TableCell>
                        <TableCell className="text-sm">
                          {u.appointment
                            ? `${[u.appointment.contact?.firstName, u.appointment.contact?.lastName].filter(Boolean).join(" ") || "Patient"} · ${u.appointment.title ?? "Appointment"} · ${dateTime(u.appointment.startTime)}`
                            : "—"}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
        </>
      )}
    </div>
  );
}
