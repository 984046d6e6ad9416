import "server-only";
import Link from "next/link";
import { Suspense } from "react";
import { Card, CardContent } from "@/components/ui/card";
import { SuppliesShell } from "@/components/inventory/supplies-shell";
import { UsageLogger } from "@/components/inventory/usage-logger";
import { SuppliesSkeleton } from "@/components/inventory/skeletons";
import { allows, type OrgContext } from "@/lib/auth/context";

import { findTodaysSchedule } from "@/lib/clinic/schedule";
import { requireClinicPage } from "@/lib/entry/page-guards";
import { findClinicSupplies } from "@/lib/inventory/items";
import { formatInZone } from "@/lib/time/zoned";
import { findVisitSupplies } from "@/lib/clinic/visit-supplies";
import { VisitSuppliesForm } from "@/components/inventory/visit-supplies";

export const metadata = { title: "Supplies" };

export default async function ClinicSuppliesPage({ params, searchParams }: PageProps<"/agency/[slug]/clinic/[locationId]/supplies">) {
  const { slug, locationId } = await params;
  // ?visit=<appointment id>: the supplies of that visit first, from its service's bill of supplies.
  const rawVisit = (await searchParams).visit;
  const visitId = typeof rawVisit === "string" && rawVisit.length > 0 && rawVisit.length <= 64 ? rawVisit : undefined;
  const { ctx, clinic } = await requireClinicPage(slug, locationId, "inventory.use");
  const canImport = allows(ctx, "inventory.manage");
  return (
    <SuppliesShell slug={ctx.organization.slug} clinic={clinic} title="Log supply use" canImport={canImport}>
      <Suspense fallback={<SuppliesSkeleton />}>
        <SuppliesList ctx={ctx} clinic={clinic} canImport={canImport} visitId={visitId} />
      </Suspense>
    </SuppliesShell>
  );
}

async function SuppliesList({ ctx, clinic, canImport, visitId }: { ctx: OrgContext; clinic: { id: string; timezone: string }; canImport: boolean; visitId?: string }) {
  const [items, schedule] = await Promise.all([findClinicSupplies(ctx.db, clinic.id), findTodaysSchedule(ctx.db, clinic)]);
  if (items.length === 0) {
    return (
      <Card>
        <CardContent className="flex flex-col items-center gap-2 py-12 text-center">
          <h2 className="font-medium">No supplies yet</h2>
          <p className="max-w-sm text-sm text-muted-foreground">
            {canImport ? (
              <>
                Add this clinic&apos;s items from a spreadsheet on the{" "}
                <Link className="underline" href={`/agency/${ctx.organization.slug}/clinic/${clinic.id}/supplies/import`}>
                  import page
                </Link>
                .
              </>
            ) : (
              "Ask an agency admin to add this clinic's items."
            )}
          </p>
        </CardContent>
      </Card>
    );
  }
  const appointments = schedule.map((a) => ({
    id: a.id,
    label: `${formatInZone(a.startTime, clinic.timezone, { hour: "numeric", minute: "2-digit" })} · ${[a.contact?.firstName, a.contact?.lastName].filter(Boolean).join(" ") || "Unknown patient"}`,
  }));
  const visit = visitId ? await findVisitSupplies(ctx, clinic, visitId, items) : null;
  return (
    <>
      {visit && <VisitSuppliesForm key={visit.appointmentId} slug={ctx.organization.slug} visit={visit} />}
      <UsageLogger slug={ctx.organization.slug} items={items} appointments={appointments} />
    </>
  );
}
