import { notFound } from "next/navigation";
import { AskPage } from "@/components/ask/ask-page";
import { CLINIC_SUGGESTED_QUESTIONS } from "@/lib/ai/activity";
import { canSeeClinic, requireMemberPage } from "@/lib/auth/context";

export const metadata = { title: "Ask Sidecar" };

/** Ask Sidecar for the front desk: the same chat, answering from the clinics the member may see. */
export default async function ClinicAskPage({ params, searchParams }: PageProps<"/agency/[slug]/clinic/[locationId]/ask">) {
  const { slug, locationId } = await params;
  const ctx = await requireMemberPage(slug, "ask.use");
  if (!canSeeClinic(ctx, locationId)) notFound();
  const { c } = await searchParams;
  return (
    <>
      <h1 className="text-xl font-semibold">Ask Sidecar</h1>
      <AskPage
        ctx={ctx}
        basePath={`/agency/${ctx.organization.slug}/clinic/${encodeURIComponent(locationId)}/ask`}
        requestedId={typeof c === "string" ? c : null}
        suggestions={CLINIC_SUGGESTED_QUESTIONS}
        stacked
      />
    </>
  );
}
