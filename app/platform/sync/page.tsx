import Link from "next/link";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/shared/page-header";
import { PlatformShell } from "@/components/platform/platform-shell";
import { SyncHealthBadge } from "@/components/integrations/sync-health-badge";
import { requirePlatformPage } from "@/lib/entry/page-guards";
import { findUnhealthySyncs } from "@/lib/platform/oversight";

export const metadata = { title: "Sync health · Platform" };

const when = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });

/** Every clinic on Sidecar whose GoHighLevel sync needs someone, across agencies. */
export default async function PlatformSyncPage() {
  const ctx = await requirePlatformPage();
  const { clinics, agencyCount } = await findUnhealthySyncs();
  return (
    <PlatformShell userName={ctx.user.name} current="sync">
      <PageHeader
        title="Sync health"
        description={
          clinics.length === 0
            ? "Every clinic's GoHighLevel sync is healthy."
            : `${clinics.length} ${clinics.length === 1 ? "clinic" : "clinics"} at ${agencyCount} ${agencyCount === 1 ? "agency" : "agencies"} not syncing cleanly, the worst first.`
        }
      />
      <Card>
        <CardContent className="pt-5">
          {clinics.length === 0 ? (
            <p className="py-8 text-center text-sm text-muted-foreground">Nothing to look at: every connected clinic synced on time.</p>
          ) : (
            <ul className="flex flex-col divide-y text-sm">
              {clinics.map((c) => (
                <li key={c.locationId} className="flex flex-col gap-1 py-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="min-w-0 break-words">
                      <span className="font-medium">{c.location.name}</span> ·{" "}
                      <Link className="text-primary underline" href={`/platform/agencies/${c.location.organization.id}`}>
                        {c.location.organization.name}
                      </Link>
                    </span>
                    <SyncHealthBadge health={c.health} />
                  </div>
                  <span className="text-muted-foreground">
                    {c.lastSyncedAt ? `Last synced ${when.format(c.lastSyncedAt)}` : "Never synced"}
                    {c.consecutiveFailures > 0 && ` · ${c.consecutiveFailures} failed ${c.consecutiveFailures === 1 ? "run" : "runs"} in a row`}
                  </span>
                  {c.lastError && <span className="break-words text-muted-foreground">{c.lastError}</span>}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </PlatformShell>
  );
}
