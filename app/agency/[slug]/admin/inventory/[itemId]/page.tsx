import "server-only";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/shared/page-header";
import { ForecastCard } from "@/components/inventory/forecast-card";
import { ItemForm } from "@/components/inventory/item-form";
import { ItemHistory } from "@/components/inventory/item-history";
import { ItemLedger } from "@/components/inventory/item-ledger";
import { AdjustStockForm, TransferStockForm } from "@/components/inventory/stock-correction-forms";
import { StockBadge, expiryPhrase, formatDay } from "@/components/inventory/stock-badge";
import { allows } from "@/lib/auth/context";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { visibleClinics } from "@/lib/clinic/clinics";
import { forecastStock } from "@/lib/inventory/forecast";
import { findItemDetail, findItemTransactions } from "@/lib/inventory/items";
import { findDailyHistory, findWeeklyUsage } from "@/lib/inventory/usage-history";
import { formatQuantity } from "@/lib/inventory/units";
import { ItemDocumentForm } from "@/components/inventory/item-documents";
import { INVENTORY_DOCUMENT_LABELS, listItemDocuments } from "@/lib/inventory/documents";
import { fileHref } from "@/lib/storage/files";

export const metadata = { title: "Inventory item" };

export default async function InventoryItemPage({ params }: PageProps<"/agency/[slug]/admin/inventory/[itemId]">) {
  const { slug, itemId } = await params;
  const ctx = await requireMemberPage(slug, "agency.view");
  const item = await findItemDetail(ctx.db, ctx.clinicIds, itemId);
  if (!item) notFound();
  const [weekly, history, ledger, clinics, documents] = await Promise.all([
    findWeeklyUsage(ctx.db, [item]),
    findDailyHistory(ctx.db, item),
    findItemTransactions(ctx.db, item.id),
    visibleClinics(ctx).then((all) => all.filter((c) => c.id !== item.locationId)),
    listItemDocuments(ctx, item.id),
  ]);
  const weeklyUsage = weekly.get(item.id) ?? [];
  const forecast = forecastStock({ ...item, weeklyUsage });
  const base = `/agency/${ctx.organization.slug}/admin/inventory`;
  const stats = [
    { label: "On hand", value: formatQuantity(item.onHand, item.unit) },
    { label: "Reorder point", value: String(item.reorderPoint) },
    { label: "Par level", value: String(item.parLevel) },
    { label: "Cost per unit", value: `$${(item.costCents / 100).toFixed(2)}` },
  ];
  return (
    <div className="flex flex-col gap-6">
      <Link href={base} className="self-start text-sm text-muted-foreground hover:underline">
        ← Inventory
      </Link>
      <PageHeader
        title={item.name}
        description={`${item.sku} · ${item.category} · ${item.location.name}${item.supplier ? ` · ${item.supplier}` : ""}`}
        actions={<StockBadge onHand={item.onHand} reorderPoint={item.reorderPoint} />}
      />
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {stats.map((s) => (
          <Card key={s.label}>
            <CardContent className="p-4">
              <dt className="text-sm text-muted-foreground">{s.label}</dt>
              <dd className="mt-1 text-xl font-semibold tabular-nums">{s.value}</dd>
            </CardContent>
          </Card>
        ))}
      </dl>
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>History</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <ItemHistory points={history} unit={item.unit} />
          </CardContent>
        </Card>
        <ForecastCard forecast={forecast} weeklyUsage={weeklyUsage} onHand={item.onHand} parLevel={item.parLevel} reorderPoint={item.reorderPoint} unit={item.unit} />
      </div>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Lots in stock</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          {item.lots.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing in stock.</p>
          ) : (
            <ul className="flex flex-col divide-y text-sm">
              {item.lots.map((lot) => (
                <li key={lot.id} className="flex items-center justify-between gap-3 py-2">
                  <Link href={`${base}/recall?lot=${encodeURIComponent(lot.lotNumber)}`} className="font-medium hover:underline">
                    {lot.lotNumber ? `Lot ${lot.lotNumber}` : "Without lot number"}
                  </Link>
                  <span className="text-right tabular-nums">
                    {formatQuantity(lot.onHand, item.unit)}
                    <span className="block text-xs text-muted-foreground">
                      {lot.expiresOn ? `${formatDay(lot.expiresOn)}, ${expiryPhrase(lot.expiresOn)}` : "no expiry recorded"}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Recent changes</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="overflow-x-auto">
          <ItemLedger rows={ledger} timezone={item.location.timezone} />
        </CardContent>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Adjust stock</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <AdjustStockForm slug={ctx.organization.slug} itemId={item.id} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Transfer to another clinic</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <TransferStockForm slug={ctx.organization.slug} itemId={item.id} clinics={clinics} />
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Documents</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {documents.length === 0 ? (
            <p className="text-sm text-muted-foreground">No invoices or recall notices attached.</p>
          ) : (
            <ul className="flex flex-col divide-y text-sm">
              {documents.map((d) => (
                <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <a className="font-medium underline underline-offset-2" href={fileHref(ctx.organization.slug, d.fileId)}>
                    {d.title}
                  </a>
                  <span className="text-muted-foreground">
                    {INVENTORY_DOCUMENT_LABELS[d.kind as keyof typeof INVENTORY_DOCUMENT_LABELS] ?? d.kind} · {d.createdAt.toISOString().slice(0, 10)}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {allows(ctx, "inventory.use") && <ItemDocumentForm slug={ctx.organization.slug} locationId={item.locationId} itemId={item.id} />}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Details</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <ItemForm
            slug={ctx.organization.slug}
            itemsHref={base}
            item={{
              id: item.id,
              values: {
                sku: item.sku,
                name: item.name,
                category: item.category,
                unit: item.unit,
                cost: (item.costCents / 100).toFixed(2),
                supplier: item.supplier ?? "",
                reorderPoint: String(item.reorderPoint),
                parLevel: String(item.parLevel),
              },
            }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
