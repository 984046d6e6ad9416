import Link from "next/link";
import { Logo } from "@/components/shared/logo";
import { LookInBanner } from "@/components/shared/look-in-banner";
import { lookInBanner } from "@/lib/platform/impersonation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ClinicTabs } from "@/components/clinic/clinic-tabs";
import { requireClinicPage } from "@/lib/entry/page-guards";
import { BillingBanner } from "@/components/billing/billing-banner";
import { billingPath, loadEntitlement } from "@/lib/billing/entitlements";
import { allows } from "@/lib/auth/context";

/**
 * The clinic's frame: its name and the tabs. The access check here only guards the
 * header (the clinic's name); every page under it checks again, as layouts do not run on
 * every navigation.
 */
export default async function ClinicLayout({ children, params }: LayoutProps<"/agency/[slug]/clinic/[locationId]">) {
  const { slug, locationId } = await params;
  const { ctx, clinic } = await requireClinicPage(slug, locationId, "clinic.view");
  const base = `/agency/${ctx.organization.slug}/clinic/${clinic.id}`;
  const banner = lookInBanner(ctx);
  const entitlement = await loadEntitlement(ctx.organization.id);
  return (
    <div className="min-h-dvh bg-background">
      {banner && <LookInBanner {...banner} />}
      <header className="sticky top-0 z-10 border-b bg-card">
        <div className="mx-auto flex max-w-2xl items-center justify-between gap-3 px-4 py-3">
          <Logo href={base} />
          <div className="flex min-w-0 items-center gap-1">
            <span className="truncate text-sm font-medium">{clinic.name}</span>
            <SignOutButton />
          </div>
        </div>
        <ClinicTabs base={base} />
      </header>
      <main id="main" className="mx-auto flex max-w-2xl flex-col gap-4 px-4 py-6">
        <BillingBanner entitlement={entitlement} billingHref={billingPath(ctx.organization.slug)} isOwner={allows(ctx, "billing.manage")} />
        {children}
        {ctx.clinicIds === null && (
          <p className="text-center text-sm text-muted-foreground">
            <Link className="underline" href={`/agency/${ctx.organization.slug}/admin`}>
              Agency dashboard
            </Link>
          </p>
        )}
      </main>
    </div>
  );
}
