import { AskPage } from "@/components/ask/ask-page";
import { PageHeader } from "@/components/shared/page-header";
import { SUGGESTED_QUESTIONS } from "@/lib/ai/activity";
import { requireMemberPage } from "@/lib/auth/context";

export const metadata = { title: "Ask Sidecar" };

export default async function AskSidecarPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/insights">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "ask.use");
  const { c } = await searchParams;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Ask Sidecar" description="Questions in plain language over your agency's data, answered with links to the records." />
      <AskPage ctx={ctx} basePath={`/agency/${ctx.organization.slug}/admin/insights`} requestedId={typeof c === "string" ? c : null} suggestions={SUGGESTED_QUESTIONS} />
    </div>
  );
}
