import { PageHeader } from "@/components/shared/page-header";
import { SettingsNav } from "@/components/settings/settings-nav";
import { TeamManager } from "@/components/settings/team-manager";
import { allows } from "@/lib/auth/context";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { assignableRoles } from "@/lib/auth/permissions";
import { listTeam } from "@/lib/team/members";

export const metadata = { title: "Team" };

export default async function TeamSettingsPage({ params }: PageProps<"/agency/[slug]/admin/settings/team">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "team.read");
  const { members, invitations, clinics } = await listTeam(ctx);
  const base = `/agency/${ctx.organization.slug}/admin/settings`;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Settings" description={ctx.organization.name} />
      <SettingsNav base={base} current="team" showAudit={allows(ctx, "audit.read")} showBilling={allows(ctx, "billing.manage")} />
      <TeamManager
        slug={ctx.organization.slug}
        currentRole={ctx.role}
        canManage={allows(ctx, "team.manage")}
        assignable={assignableRoles(ctx.role)}
        clinics={clinics}
        members={members.map((m) => ({
          id: m.id,
          name: m.user.name,
          email: m.user.email,
          role: m.role === "platform_admin" ? "agency_admin" : m.role,
          clinicIds: m.clinics.map((c) => c.locationId),
          isSelf: m.id === ctx.memberId,
        }))}
        invitations={invitations.map((i) => ({
          id: i.id,
          email: i.email,
          role: i.role === "platform_admin" ? "agency_admin" : i.role,
          expiresAt: i.expiresAt.toISOString(),
          locationIds: i.locationIds,
        }))}
      />
    </div>
  );
}
