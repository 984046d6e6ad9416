import "server-only";
import Link from "next/link";
import { Suspense } from "react";
import { Download, Plus, Search } from "lucide-react";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/shared/page-header";
import { InventoryAlerts } from "@/components/inventory/inventory-alerts";
import { InventoryFilters } from "@/components/inventory/inventory-filters";
import { InventoryTable } from "@/components/inventory/inventory-table";
import { Pagination } from "@/components/inventory/pagination";
import { InventorySkeleton } from "@/components/inventory/skeletons";
import { type OrgContext } from "@/lib/auth/context";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { visibleClinics } from "@/lib/clinic/clinics";
import { findInventoryAlerts } from "@/lib/inventory/alerts";
import { findInventoryPage } from "@/lib/inventory/list";
import { ZInventoryFilter, type TInventoryFilter } from "@/lib/inventory/schemas";

export const metadata = { title: "Inventory" };

const linkButton = "inline-flex h-9 items-center gap-2 rounded-md border bg-card px-3 text-sm font-medium hover:bg-accent";

export default async function InventoryPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/inventory">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "agency.view");
  const raw = await searchParams;
  const filter = ZInventoryFilter.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const base = `/agency/${ctx.organization.slug}/admin/inventory`;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Inventory"
        description="Supplies across every clinic, with what runs out next."
        actions={
          <>
            <Link className={linkButton} href={`${base}/recall`}>
              <Search aria-hidden="true" className="size-4" /> Lot recall
            </Link>
            <a className={linkButton} href={`/agency/${ctx.organization.slug}/admin/inventory/export${filter.clinic ? `?clinic=${encodeURIComponent(filter.clinic)}` : ""}`} download>
              <Download aria-hidden="true" className="size-4" /> Export CSV
            </a>
            <Link className={linkButton} href={`${base}/new`}>
              <Plus aria-hidden="true" className="size-4" /> Add item
            </Link>
          </>
        }
      />
      <Suspense key={JSON.stringify(filter)} fallback={<InventorySkeleton />}>
        <InventoryResults ctx={ctx} filter={filter} base={base} />
      </Suspense>
    </div>
  );
}

async function InventoryResults({ ctx, filter, base }: { ctx: OrgContext; filter: TInventoryFilter; base: string }) {
  const [clinics, result, alerts] = await Promise.all([
    visibleClinics(ctx),
    findInventoryPage(ctx.db, ctx.clinicIds, filter),
    findInventoryAlerts(ctx.db, { locationIds: ctx.clinicIds, limit: 5 }),
  ]);
  const isFiltered = Boolean(filter.q || filter.clinic || filter.category || filter.status !== "all");
  return (
    <>
      <InventoryAlerts alerts={alerts} base={base} />
      <Card>
        <CardContent className="flex flex-col gap-4 p-4">
          <InventoryFilters filter={filter} clinics={clinics} categories={result.categories} />
          {result.items.length === 0 ? (
            <div className="py-12 text-center">
              <h2 className="font-medium">{isFiltered ? "No items match these filters" : "No supplies yet"}</h2>
              <p className="mt-1 text-sm text-muted-foreground">
                {isFiltered ? (
                  <Link className="underline" href={base}>
                    Clear the filters
                  </Link>
                ) : (
                  "Add items one by one, or import a clinic's spreadsheet from its supplies page."
                )}
              </p>
            </div>
          ) : (
            <>
              <div className="overflow-x-auto">
                <InventoryTable base={base} items={result.items} />
              </div>
              <Pagination
                page={result.page}
                pageCount={result.pageCount}
                total={result.total}
                params={{ q: filter.q, clinic: filter.clinic, category: filter.category, status: filter.status === "all" ? undefined : filter.status }}
              />
            </>
          )}
        </CardContent>
      </Card>
    </>
  );
}
