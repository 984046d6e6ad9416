import { AskPage } from "@/components/ask/ask-page";
import { CLINIC_SUGGESTED_QUESTIONS } from "@/lib/ai/activity";
import { loadAskPage } from "@/lib/ai/page";
import { requireClinicPage } from "@/lib/entry/page-guards";

export const metadata = { title: "Ask Sidecar" };

/** Ask Sidecar for the front desk: the same chat, answering from the clinics the member may see. */
export default async function ClinicAskPage({ params, searchParams }: PageProps<"/agency/[slug]/clinic/[locationId]/ask">) {
  const { slug, locationId } = await params;
  const { ctx, clinic } = await requireClinicPage(slug, locationId, "ask.use");
  const { c } = await searchParams;
  const data = await loadAskPage(ctx, typeof c === "string" ? c : null);
  return (
    <>
      <h1 className="text-xl font-semibold">Ask Sidecar</h1>
      <AskPage
        slug={ctx.organization.slug}
        data={data}
        basePath={`/agency/${ctx.organization.slug}/clinic/${encodeURIComponent(clinic.id)}/ask`}
        suggestions={CLINIC_SUGGESTED_QUESTIONS}
        stacked
      />
    </>
  );
}
