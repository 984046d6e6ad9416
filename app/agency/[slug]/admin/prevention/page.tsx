import Link from "next/link";
import { PageHeader } from "@/components/shared/page-header";
import { Card, CardContent } from "@/components/ui/card";
import { PreventionPanel } from "@/components/prevention/prevention-panel";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { can } from "@/lib/auth/permissions";
import { visibleClinics } from "@/lib/clinic/clinics";
import { loadPreventionPage } from "@/lib/prevention/page-data";
import { cn } from "@/lib/utils";

export const metadata = { title: "No-show prevention" };

export default async function PreventionPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/prevention">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "agency.view");
  const clinics = await visibleClinics(ctx);
  const wanted = (await searchParams).clinic;
  const clinic = clinics.find((c) => c.id === wanted) ?? clinics[0];
  const base = `/agency/${ctx.organization.slug}/admin/prevention`;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="No-show prevention" description="Confirmation texts for risky appointments and a waitlist that fills freed slots, all through GoHighLevel." />
      {!clinic ? (
        <Card>
          <CardContent className="py-12 text-center">
            <h2 className="font-medium">No clinics yet</h2>
            <p className="text-sm text-muted-foreground">Add a clinic from Settings → Integrations first.</p>
          </CardContent>
        </Card>
      ) : (
        <>
          {clinics.length > 1 && (
            <nav aria-label="Clinics" className="flex flex-wrap gap-2">
              {clinics.map((c) => (
                <Link
                  key={c.id}
                  href={`${base}?clinic=${c.id}`}
                  aria-current={c.id === clinic.id ? "page" : undefined}
                  className={cn(
                    "rounded-md border px-3 py-2 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                    c.id === clinic.id ? "bg-primary text-primary-foreground" : "hover:bg-accent",
                  )}
                >
                  {c.name}
                </Link>
              ))}
            </nav>
          )}
          <PreventionPanel
            slug={ctx.organization.slug}
            clinic={{ ...clinic }}
            data={await loadPreventionPage(ctx, clinic)}
            showPolicy
            canEditPolicy={can(ctx.role, "prevention.manage")}
            now={new Date()}
          />
        </>
      )}
    </div>
  );
}
