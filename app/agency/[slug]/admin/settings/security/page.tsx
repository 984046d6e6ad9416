import { PageHeader } from "@/components/shared/page-header";
import { SettingsNav } from "@/components/settings/settings-nav";
import { AskBudgetForm } from "@/components/settings/ask-budget-form";
import { IdleTimeoutForm, SignOutEverywhere } from "@/components/settings/security-settings";
import { allows } from "@/lib/auth/context";
import { requireMemberPage } from "@/lib/entry/page-guards";

import { budgetStatus } from "@/lib/ai/conversations";
import { formatInZone } from "@/lib/time/zoned";

export const metadata = { title: "Security" };

export default async function SecuritySettingsPage({ params }: PageProps<"/agency/[slug]/admin/settings/security">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "agency.view");
  const budget = await budgetStatus(ctx);
  const resetsOn = formatInZone(budget.resetsAt, "UTC", { month: "long", day: "numeric" });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Settings" description={ctx.organization.name} />
      <SettingsNav base={`/agency/${ctx.organization.slug}/admin/settings`} current="security" showAudit={allows(ctx, "audit.read")} showBilling={allows(ctx, "billing.manage")} />
      <IdleTimeoutForm slug={ctx.organization.slug} current={ctx.organization.idleTimeoutMinutes} canEdit={allows(ctx, "settings.security")} />
      <AskBudgetForm
        slug={ctx.organization.slug}
        status={{ budget: budget.budget, used: budget.used, questions: budget.questions, resetsOn }}
        canEdit={allows(ctx, "ask.manage")}
      />
      <SignOutEverywhere />
    </div>
  );
}
