import "server-only";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PageHeader } from "@/components/shared/page-header";
import { SettingsNav } from "@/components/settings/settings-nav";
import { ClinicPicker, ConnectGhlButton, DisconnectGhl, SyncNowButton } from "@/components/integrations/ghl-controls";
import { SyncHealthBadge } from "@/components/integrations/sync-health-badge";
import { CalcomCard } from "@/components/integrations/calcom-card";
import { getCalcomStatus } from "@/lib/calcom/status";
import { allows } from "@/lib/auth/context";
import { requireMemberPage } from "@/lib/entry/page-guards";

import { listGhlLocations } from "@/lib/ghl/connect";
import { getIntegrationStatus, type IntegrationStatus } from "@/lib/ghl/status";
import { UserError } from "@/lib/errors";
import { env } from "@/lib/env";
import { timeAgo } from "@/lib/time/relative";

export const metadata = { title: "Integrations" };

async function loadGhlLocations(ctx: Parameters<typeof listGhlLocations>[0]) {
  try {
    return { locations: await listGhlLocations(ctx), error: null };
  } catch (err) {
    return { locations: [], error: err instanceof UserError ? err.message : "GoHighLevel did not answer. The list will be back when it does." };
  }
}

function WebhookHealth({ webhooks }: { webhooks: IntegrationStatus["clinics"][number]["webhooks"] }) {
  if (webhooks.waiting === 0 && webhooks.dead === 0) return <span className="text-muted-foreground">all applied</span>;
  return (
    <>
      {webhooks.waiting > 0 && (
        <div>
          {webhooks.waiting.toLocaleString("en-US")} waiting
          {webhooks.oldestWaitingAt && <div className="text-xs text-muted-foreground">oldest {timeAgo(webhooks.oldestWaitingAt)}</div>}
        </div>
      )}
      {webhooks.dead > 0 && (
        <div className="text-destructive">
          {webhooks.dead.toLocaleString("en-US")} failed
          {webhooks.lastDead && (
            <div className="max-w-xs text-xs">
              latest: {webhooks.lastDead.type}
              {webhooks.lastDead.reference && <>, reference {webhooks.lastDead.reference}</>}
            </div>
          )}
        </div>
      )}
    </>
  );
}

export default async function IntegrationsSettingsPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/settings/integrations">) {
  const { slug } = await params;
  const { connected } = await searchParams;
  const ctx = await requireMemberPage(slug, "agency.view");
  const [status, calcom] = await Promise.all([getIntegrationStatus(ctx.db), getCalcomStatus(ctx.db)]);
  const canManage = allows(ctx, "integrations.manage");
  const canSync = allows(ctx, "integrations.sync");
  const uninstalled = status.connection?.uninstalledAt ?? null;
  const picker = status.connection && !uninstalled && canManage ? await loadGhlLocations(ctx) : null;
  const base = `/agency/${ctx.organization.slug}/admin/settings`;
  const budget = env.GHL_RATE_LIMIT_PER_10S;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Settings" description={ctx.organization.name} />
      <SettingsNav base={base} current="integrations" showAudit={allows(ctx, "audit.read")} showBilling={allows(ctx, "billing.manage")} />
      {connected === "1" && (
        <Alert variant="info">
          <AlertTitle>GoHighLevel is connected</AlertTitle>
          <AlertDescription>Choose which sub-accounts become Sidecar clinics below.</AlertDescription>
        </Alert>
      )}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>GoHighLevel</h2>
          </CardTitle>
          <CardDescription>
            GoHighLevel stays the record of your clinics&apos; contacts and calendars. Sidecar keeps a copy, updated by webhooks as
            things change and by a full check every 15 minutes.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {!status.configured ? (
            <p className="text-sm text-muted-foreground">GoHighLevel is not configured on this server.</p>
          ) : status.connection && uninstalled ? (
            <>
              <Alert variant="destructive">
                <AlertTitle>Sidecar was uninstalled from your GoHighLevel agency</AlertTitle>
                <AlertDescription>
                  GoHighLevel reported the uninstall {timeAgo(uninstalled)}. Nothing syncs until the app is installed again; every contact and
                  appointment already synced is kept. {canManage ? "Install it again from GoHighLevel's Marketplace, or connect again here." : "An owner of the agency can connect it again."}
                </AlertDescription>
              </Alert>
              {canManage && <ConnectGhlButton slug={ctx.organization.slug} label="Connect GoHighLevel again" />}
            </>
          ) : status.connection ? (
            <>
              <dl className="grid gap-1 text-sm sm:grid-cols-[max-content_1fr] sm:gap-x-4">
                <dt className="text-muted-foreground">Agency (company) id</dt>
                <dd className="font-mono">{status.connection.companyId}</dd>
                <dt className="text-muted-foreground">Connected</dt>
                <dd>{timeAgo(status.connection.createdAt)}</dd>
              </dl>
              {picker && (
                <div className="flex flex-col gap-2 border-t pt-4">
                  <h3 className="font-medium">Clinics</h3>
                  {picker.error ? <p className="text-sm text-destructive">{picker.error}</p> : <ClinicPicker slug={ctx.organization.slug} locations={picker.locations} />}
                </div>
              )}
            </>
          ) : canManage ? (
            <ConnectGhlButton slug={ctx.organization.slug} />
          ) : (
            <p className="text-sm text-muted-foreground">Not connected. An owner of the agency can connect it.</p>
          )}
        </CardContent>
      </Card>
      <CalcomCard status={calcom} slug={ctx.organization.slug} canManage={canManage} />
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Sync health</h2>
          </CardTitle>
          <CardDescription>
            Per clinic: the last sync, GoHighLevel&apos;s updates (webhooks) waiting or failed, what is left of GoHighLevel&apos;s request budget, and the nightly check.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {status.clinics.length === 0 ? (
            <p className="text-sm text-muted-foreground">No clinics yet.</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">Clinic</TableHead>
                  <TableHead scope="col">Health</TableHead>
                  <TableHead scope="col">Last synced</TableHead>
                  <TableHead scope="col">Webhooks</TableHead>
                  <TableHead scope="col">GHL budget left</TableHead>
                  <TableHead scope="col">Nightly check</TableHead>
                  {canSync && status.connection && !uninstalled && <TableHead scope="col"><span className="sr-only">Actions</span></TableHead>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {status.clinics.map((clinic) => (
                  <TableRow key={clinic.id}>
                    <TableCell>
                      <div className="font-medium">{clinic.name}</div>
                      {clinic.sync?.lastError && <div className="max-w-xs text-xs text-destructive">{clinic.sync.lastError}</div>}
                    </TableCell>
                    <TableCell>
                      <SyncHealthBadge health={uninstalled ? "disconnected" : (clinic.sync?.health ?? "pending")} />
                      {clinic.sync?.scanState ? <div className="text-xs text-muted-foreground">catching up</div> : null}
                    </TableCell>
                    <TableCell className="whitespace-nowrap">{clinic.sync?.lastSyncedAt ? timeAgo(clinic.sync.lastSyncedAt) : "never"}</TableCell>
                    <TableCell className="text-sm">
                      <WebhookHealth webhooks={clinic.webhooks} />
                    </TableCell>
                    <TableCell className="text-sm">
                      {clinic.sync?.rateLimitRemaining != null ? (
                        <>
                          {clinic.sync.rateLimitRemaining} / {budget} per 10 s
                          {clinic.sync.rateLimitDailyRemaining != null && (
                            <div className="text-xs text-muted-foreground">{clinic.sync.rateLimitDailyRemaining.toLocaleString("en-US")} left today</div>
                          )}
                        </>
                      ) : (
                        <span className="text-muted-foreground">not measured yet</span>
                      )}
                    </TableCell>
                    <TableCell className="text-sm">
                      {clinic.sync?.reconciledAt ? (
                        <>
                          {clinic.sync.lastDriftCount ?? 0} difference{clinic.sync.lastDriftCount === 1 ? "" : "s"} repaired
                          <div className="text-xs text-muted-foreground">{timeAgo(clinic.sync.reconciledAt)}</div>
                        </>
                      ) : (
                        <span className="text-muted-foreground">not run yet</span>
                      )}
                    </TableCell>
                    {canSync && status.connection && !uninstalled && (
                      <TableCell className="text-right">
                        {clinic.ghlUninstalledAt ? null : <SyncNowButton slug={ctx.organization.slug} locationId={clinic.id} clinicName={clinic.name} />}
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      {status.connection && canManage && (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Disconnect</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <DisconnectGhl slug={ctx.organization.slug} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
