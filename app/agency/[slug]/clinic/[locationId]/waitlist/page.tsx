import { PreventionPanel } from "@/components/prevention/prevention-panel";
import { requireClinicPage } from "@/lib/entry/page-guards";
import { loadPreventionPage } from "@/lib/prevention/page-data";

export const metadata = { title: "Waitlist" };

/** The front desk's waitlist: who waits for a slot, the freed slots offered by text, and every text, for this clinic. */
export default async function ClinicWaitlistPage({ params }: PageProps<"/agency/[slug]/clinic/[locationId]/waitlist">) {
  const { slug, locationId } = await params;
  const { ctx, clinic } = await requireClinicPage(slug, locationId, "waitlist.manage");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Waitlist</h1>
      <PreventionPanel slug={ctx.organization.slug} clinic={clinic} data={await loadPreventionPage(ctx, clinic)} showPolicy={false} canEditPolicy={false} now={new Date()} />
    </div>
  );
}
