import { SidebarNav, type NavItem } from "@/components/shared/sidebar-nav";
import { Logo } from "@/components/shared/logo";
import { LookInBanner } from "@/components/shared/look-in-banner";
import { lookInBanner } from "@/lib/platform/impersonation";
import { UserMenu } from "@/components/shared/user-menu";
import { allows } from "@/lib/auth/context";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { BillingBanner } from "@/components/billing/billing-banner";
import { billingPath, loadEntitlement } from "@/lib/billing/entitlements";

export default async function AgencyAdminLayout({ children, params }: LayoutProps<"/agency/[slug]/admin">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "agency.view");
  const base = `/agency/${ctx.organization.slug}/admin`;
  const banner = lookInBanner(ctx);
  const entitlement = await loadEntitlement(ctx.organization.id);
  const items: NavItem[] = [
    { href: base, label: "Needs attention", icon: "queue", exact: true },
    { href: `${base}/dashboard`, label: "Dashboard", icon: "dashboard" },
    { href: `${base}/contacts`, label: "Contacts", icon: "contacts" },
    { href: `${base}/calendar`, label: "Calendar", icon: "calendar" },
    { href: `${base}/inventory`, label: "Inventory", icon: "inventory" },
    { href: `${base}/insights`, label: "Ask Sidecar", icon: "insights", exact: true },
    { href: `${base}/insights/no-shows`, label: "No-shows", icon: "noshows" },
    { href: `${base}/prevention`, label: "No-show prevention", icon: "prevention" },
    { href: `${base}/settings`, label: "Settings", icon: "settings" },
  ];
  const header = (
    <div className="flex flex-col gap-1">
      <Logo href={base} />
      <span className="text-xs text-muted-foreground">{ctx.organization.name}</span>
    </div>
  );
  return (
    <>
      {banner && <LookInBanner {...banner} />}
      <div className="flex min-h-dvh flex-col lg:flex-row">
        <SidebarNav
          items={items}
          label="Agency"
          header={header}
          footer={<UserMenu name={ctx.user.name} email={ctx.user.email} role={ROLE_LABELS[ctx.role]} />}
        />
        <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-8">
          <BillingBanner entitlement={entitlement} billingHref={billingPath(ctx.organization.slug)} isOwner={allows(ctx, "billing.manage")} />
          {children}
        </main>
      </div>
    </>
  );
}
