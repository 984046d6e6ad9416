import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/shared/page-header";
import { PlatformShell } from "@/components/platform/platform-shell";
import { SyncHealthBadge } from "@/components/integrations/sync-health-badge";
import { LookInForm } from "@/components/platform/look-in-form";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { getPlatformAgencyOverview, requirePlatformAgencyPage } from "@/lib/platform/agency-page";

export const metadata = { title: "Agency" };

/** A platform admin's view of one agency. Reading an agency's data from here is audited in that agency's log. */
export default async function PlatformAgencyPage({ params, searchParams }: PageProps<"/platform/agencies/[id]">) {
  const { id } = await params;
  const lookInExpired = (await searchParams)["look-in"] === "expired";
  const { ctx, agency, db } = await requirePlatformAgencyPage(id);
  const { clinics, members, lookIns } = await getPlatformAgencyOverview(db);
  const now = new Date();
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
      {lookInExpired && (
        <p role="status" className="rounded-md border border-warning/40 bg-warning/15 px-3 py-2 text-sm">
          Your look-in at {agency.name} ran out, so it ended. Start another below if you still need it.
        </p>
      )}
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
                <li key={m.id} className="flex flex-col gap-2 py-2">
                  <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
                    <span className="min-w-0 break-words">
                      {m.user.name} <span className="break-all text-muted-foreground">{m.user.email}</span>
                    </span>
                    <span className="flex items-center gap-2 text-muted-foreground">
                      {ROLE_LABELS[m.role]}
                      {m.role !== "platform_admin" && <LookInForm organizationId={agency.id} memberId={m.id} memberName={m.user.name} />}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Look-ins</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          {lookIns.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nobody from the platform has looked in as a member of {agency.name}.</p>
          ) : (
            <ul className="flex flex-col divide-y text-sm">
              {lookIns.map((l) => (
                <li key={l.id} className="flex flex-col gap-0.5 py-2">
                  <span>
                    <span className="font-medium">{l.admin.name}</span> as {l.member.user.name} · {formatWhen(l.startedAt)} ·{" "}
                    {l.endedAt ? `ended ${formatWhen(l.endedAt)}` : l.expiresAt > now ? `until ${formatWhen(l.expiresAt)}` : `ran out ${formatWhen(l.expiresAt)}`}
                  </span>
                  <span className="break-words text-muted-foreground">{l.reason}</span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </PlatformShell>
  );
}

const whenFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });
function formatWhen(at: Date): string {
  return whenFormat.format(at);
}
