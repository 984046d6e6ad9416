import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/shared/page-header";
import { PlatformShell } from "@/components/platform/platform-shell";
import { SyncHealthBadge } from "@/components/integrations/sync-health-badge";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { getPlatformAgencyOverview, requirePlatformAgencyPage } from "@/lib/platform/agency-page";

export const metadata = { title: "Agency" };

/** A platform admin's view of one agency. Reading an agency's data from here is audited in that agency's log. */
export default async function PlatformAgencyPage({ params }: PageProps<"/platform/agencies/[id]">) {
  const { id } = await params;
  const { ctx, agency, db } = await requirePlatformAgencyPage(id);
  const { clinics, members } = await getPlatformAgencyOverview(db);
  return (
    <PlatformShell userName={ctx.user.name}>
      <p className="text-sm">
        <Link href="/platform" className="text-primary hover:underline">
          ← Agencies
        </Link>
      </p>
      <PageHeader title={agency.name} description={`/agency/${agency.slug} · ${agency.subscriptionStatus.replace("_", " ")}`} />
      <p role="note" className="rounded-md bg-secondary px-3 py-2 text-sm text-secondary-foreground">
        Your visit to this page is recorded in {agency.name}&apos;s audit log.
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Clinics</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            {clinics.length === 0 ? (
              <p className="text-sm text-muted-foreground">No clinics yet.</p>
            ) : (
              <ul className="flex flex-col divide-y text-sm">
                {clinics.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2">
                    <span className="min-w-0 font-medium">{c.name}</span>
                    <span className="flex flex-wrap items-center gap-2 text-muted-foreground">
                      <span className="tabular-nums">
                        {c.contacts.toLocaleString("en-US")} {c.contacts === 1 ? "contact" : "contacts"}
                      </span>
                      <SyncHealthBadge health={c.sync.health} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Members</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="flex flex-col divide-y text-sm">
              {members.map((m) => (
                <li key={m.id} className="flex flex-wrap justify-between gap-x-3 gap-y-1 py-2">
                  <span className="min-w-0 break-words">
                    {m.user.name} <span className="break-all text-muted-foreground">{m.user.email}</span>
                  </span>
                  <span className="text-muted-foreground">{ROLE_LABELS[m.role]}</span>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      </div>
    </PlatformShell>
  );
}
