import { ComingSoon } from "@/components/shared/coming-soon";
import { PageHeader } from "@/components/shared/page-header";
import { requireMemberPage } from "@/lib/auth/context";

export const metadata = { title: "Insights" };

export default async function InsightsPage({ params }: PageProps<"/agency/[slug]/admin/insights">) {
  const { slug } = await params;
  await requireMemberPage(slug, "agency.view");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Insights" />
      <ComingSoon section="Insights" description="Plain-language answers and predictions over your agency's own data." />
    </div>
  );
}
