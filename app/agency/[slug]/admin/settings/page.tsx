import { redirect } from "next/navigation";
import { requireMemberPage } from "@/lib/entry/page-guards";

export default async function SettingsPage({ params }: PageProps<"/agency/[slug]/admin/settings">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "agency.view");
  redirect(`/agency/${ctx.organization.slug}/admin/settings/team`);
}
