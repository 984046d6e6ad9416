import { AskPage } from "@/components/ask/ask-page";
import { PageHeader } from "@/components/shared/page-header";
import { SUGGESTED_QUESTIONS } from "@/lib/ai/activity";
import { loadAskPage } from "@/lib/ai/page";
import { requireMemberPage } from "@/lib/entry/page-guards";

export const metadata = { title: "Ask Sidecar" };

export default async function AskSidecarPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/insights">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "ask.use");
  const { c } = await searchParams;
  const data = await loadAskPage(ctx, typeof c === "string" ? c : null);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Ask Sidecar" description="Questions in plain language over your agency's data, answered with links to the records." />
      <AskPage slug={ctx.organization.slug} data={data} basePath={`/agency/${ctx.organization.slug}/admin/insights`} suggestions={SUGGESTED_QUESTIONS} />
    </div>
  );
}
