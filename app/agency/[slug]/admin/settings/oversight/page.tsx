import Link from "next/link";
import { PageHeader } from "@/components/shared/page-header";
import { SettingsNav } from "@/components/settings/settings-nav";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { ConsentTemplateForm, OversightForm } from "@/components/oversight/oversight-form";
import { allows } from "@/lib/auth/context";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { visibleClinics } from "@/lib/clinic/clinics";
import { GFE_DEFAULTS_DISCLAIMER, GFE_DEFAULTS_LAST_REVIEWED, GFE_STATE_DEFAULTS } from "@/lib/oversight/gfe-defaults";
import { loadOversight } from "@/lib/oversight/rules";
import { searchText } from "@/lib/http/search-params";
import { fileHref } from "@/lib/storage/files";
import { cn } from "@/lib/utils";

export const metadata = { title: "Medical oversight" };

export default async function OversightSettingsPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/settings/oversight">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "agency.view");
  const clinics = await visibleClinics(ctx);
  const chosen = searchText(64).parse((await searchParams).clinic);
  const clinicId = clinics.find((c) => c.id === chosen)?.id ?? clinics[0]?.id;
  const base = `/agency/${ctx.organization.slug}/admin/settings`;
  const canEdit = allows(ctx, "oversight.manage");
  const view = clinicId ? await loadOversight(ctx, clinicId) : null;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Settings" description={ctx.organization.name} />
      <SettingsNav base={base} current="oversight" showAudit={allows(ctx, "audit.read")} showBilling={allows(ctx, "billing.manage")} />
      {!view ? (
        <p className="text-muted-foreground">No clinics yet: connect GoHighLevel and add clinics first.</p>
      ) : (
        <>
          <nav aria-label="Clinic" className="flex flex-wrap gap-2">
            {clinics.map((c) => (
              <Link
                key={c.id}
                href={`${base}/oversight?clinic=${c.id}`}
                aria-current={c.id === view.clinic.id ? "page" : undefined}
                className={cn("rounded-full border px-3 py-1 text-sm", c.id === view.clinic.id ? "border-primary bg-primary text-primary-foreground" : "hover:bg-muted")}
              >
                {c.name}
              </Link>
            ))}
          </nav>
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>Medical oversight · {view.clinic.name}</h2>
              </CardTitle>
            </CardHeader>
            <CardContent>
              <OversightForm
                key={view.clinic.id}
                slug={ctx.organization.slug}
                locationId={view.clinic.id}
                canEdit={canEdit}
                states={GFE_STATE_DEFAULTS.map((s) => ({ code: s.state, name: s.name, days: s.validityDays }))}
                initial={{
                  state: view.oversight?.state ?? null,
                  medicalDirector: view.oversight?.medicalDirector ?? null,
                  providers: view.oversight?.providers ?? [],
                  chartReviewPercent: view.oversight?.chartReviewPercent ?? null,
                  chartReviewMinimum: view.oversight?.chartReviewMinimum ?? null,
                }}
                services={view.calendars.map((c) => {
                  const rule = view.rules.get(c.ghlCalendarId);
                  return { ghlCalendarId: c.ghlCalendarId, name: c.name, gfeRequired: rule?.gfeRequired ?? false, gfeValidityDays: rule?.gfeValidityDays ?? null, consentKey: rule?.consentKey ?? null };
                })}
                templates={view.templates}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>Consent forms</h2>
              </CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              {view.templates.length === 0 ? (
                <p className="text-sm text-muted-foreground">No consent forms yet.</p>
              ) : (
                <ul className="flex flex-col gap-2">
                  {view.templates.map((t) => (
                    <li key={t.key} className="rounded-md border p-3 text-sm">
                      <p className="font-medium">
                        {t.title} · version {t.version} <span className="font-normal text-muted-foreground">({t.key}, published {t.createdAt.toISOString().slice(0, 10)})</span>
                      </p>
                      {t.body && <p className="mt-1 line-clamp-3 whitespace-pre-wrap text-muted-foreground">{t.body}</p>}
                      {t.fileId && (
                        <a className="underline underline-offset-2" href={fileHref(ctx.organization.slug, t.fileId)}>
                          The form (PDF)
                        </a>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {canEdit && <ConsentTemplateForm slug={ctx.organization.slug} locationId={view.clinic.id} templates={view.templates} />}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>GFE validity by state</h2>
              </CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              <Alert variant="info">
                <AlertDescription>
                  {GFE_DEFAULTS_DISCLAIMER} Last reviewed {GFE_DEFAULTS_LAST_REVIEWED}.
                </AlertDescription>
              </Alert>
              <details>
                <summary className="cursor-pointer text-sm font-medium">Show the table ({GFE_STATE_DEFAULTS.length} jurisdictions)</summary>
                <ul className="mt-3 flex flex-col divide-y text-sm">
                  {GFE_STATE_DEFAULTS.map((s) => (
                    <li key={s.state} className="py-2">
                      <p className="font-medium">
                        {s.name} ({s.state}): {s.validityDays} days
                      </p>
                      <p className="text-muted-foreground">{s.note}</p>
                      {s.sources.map((source) => (
                        <a key={source.url} className="underline underline-offset-2" href={source.url} rel="noreferrer" target="_blank">
                          {source.label}
                        </a>
                      ))}
                    </li>
                  ))}
                </ul>
              </details>
            </CardContent>
          </Card>
        </>
      )}
    </div>
  );
}
