import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConnectCalcomForm, DisconnectCalcom, EventTypeMapping, RefreshEventTypesButton } from "@/components/integrations/calcom-controls";
import type { CalcomStatus } from "@/lib/calcom/status";
import { timeAgo } from "@/lib/time/relative";

/** Settings → Integrations: the agency's Cal.com key, its event types mapped to clinics, and the nightly check. */
export function CalcomCard({ status, slug, canManage }: { status: CalcomStatus; slug: string; canManage: boolean }) {
  const { connection } = status;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Cal.com</h2>
        </CardTitle>
        <CardDescription>
          Clinics that take bookings through Cal.com event types see them on the same calendar as GoHighLevel&apos;s. Patients are matched to their
          GoHighLevel contact, and a Cal.com booking over a GoHighLevel appointment on the same chairs is flagged.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {!connection ? (
          canManage ? (
            <ConnectCalcomForm slug={slug} />
          ) : (
            <p className="text-sm text-muted-foreground">Not connected. An owner of the agency can connect it.</p>
          )
        ) : (
          <>
            <dl className="grid gap-1 text-sm sm:grid-cols-[max-content_1fr] sm:gap-x-4">
              <dt className="text-muted-foreground">Account</dt>
              <dd>{connection.accountEmail ?? "unknown"}</dd>
              <dt className="text-muted-foreground">API key</dt>
              <dd className="font-mono">…{connection.apiKeyHint}</dd>
              <dt className="text-muted-foreground">Webhook</dt>
              <dd>{connection.webhookId ? "registered" : "not registered"}</dd>
              <dt className="text-muted-foreground">Connected</dt>
              <dd>{timeAgo(connection.createdAt)}</dd>
              <dt className="text-muted-foreground">Nightly check</dt>
              <dd>
                {connection.lastReconcileError ? (
                  <span className="text-destructive">{connection.lastReconcileError}</span>
                ) : connection.reconciledAt ? (
                  <>
                    {connection.lastDriftCount ?? 0} missed change{connection.lastDriftCount === 1 ? "" : "s"} repaired, {timeAgo(connection.reconciledAt)}
                  </>
                ) : (
                  <span className="text-muted-foreground">not run yet</span>
                )}
              </dd>
            </dl>
            <div className="flex flex-col gap-2 border-t pt-4">
              <h3 className="font-medium">Event types</h3>
              {status.eventTypes.length === 0 ? (
                <p className="text-sm text-muted-foreground">This Cal.com account has no event types yet.</p>
              ) : canManage ? (
                status.eventTypes.map((eventType) => <EventTypeMapping key={eventType.eventTypeId} slug={slug} eventType={eventType} clinics={status.clinics} />)
              ) : (
                <ul className="text-sm">
                  {status.eventTypes.map((t) => (
                    <li key={t.eventTypeId}>
                      {t.title}: {status.clinics.find((c) => c.id === t.locationId)?.name ?? "not used by a clinic"}
                    </li>
                  ))}
                </ul>
              )}
              {canManage && <RefreshEventTypesButton slug={slug} />}
            </div>
            {canManage && (
              <div className="flex flex-col gap-4 border-t pt-4">
                <ConnectCalcomForm slug={slug} replacing />
                <DisconnectCalcom slug={slug} />
              </div>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}
