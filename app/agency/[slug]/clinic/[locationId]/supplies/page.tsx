import Link from "next/link";
import { Suspense } from "react";
import { Card, CardContent } from "@/components/ui/card";
import { SuppliesShell } from "@/components/inventory/supplies-shell";
import { UsageLogger } from "@/components/inventory/usage-logger";
import { SuppliesSkeleton } from "@/components/inventory/skeletons";
import type { OrgContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { findTodaysSchedule } from "@/lib/clinic/schedule";
import { requireClinicPage } from "@/lib/clinic/clinics";
import { findClinicSupplies } from "@/lib/inventory/items";
import { formatInZone } from "@/lib/time/zoned";

export const metadata = { title: "Supplies" };

export default async function ClinicSuppliesPage({ params }: PageProps<"/agency/[slug]/clinic/[locationId]/supplies">) {
  const { slug, locationId } = await params;
  const { ctx, clinic } = await requireClinicPage(slug, locationId, "inventory.use");
  const canImport = can(ctx.role, "inventory.manage");
  return (
    <SuppliesShell slug={ctx.organization.slug} clinic={clinic} title="Log supply use" canImport={canImport}>
      <Suspense fallback={<SuppliesSkeleton />}>
        <SuppliesList ctx={ctx} clinic={clinic} canImport={canImport} />
      </Suspense>
    </SuppliesShell>
  );
}

async function SuppliesList({ ctx, clinic, canImport }: { ctx: OrgContext; clinic: { id: string; timezone: string }; canImport: boolean }) {
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
  return <UsageLogger slug={ctx.organization.slug} items={items} appointments={appointments} />;
}
