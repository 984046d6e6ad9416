import "server-only";
import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/shared/page-header";
import { PlatformShell } from "@/components/platform/platform-shell";
import { SyncHealthBadge } from "@/components/integrations/sync-health-badge";
import { LookInForm } from "@/components/platform/look-in-form";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { getPlatformAgencyBilling, getPlatformAgencyOverview } from "@/lib/platform/agency-page";
import { requirePlatformAgencyPage } from "@/lib/entry/page-guards";
import { findPlatformAuditLog, ZPlatformAuditFilter } from "@/lib/platform/oversight";
import { auditActorText } from "@/lib/audit/actor";
import { formatMoney } from "@/lib/billing/plans";

export const metadata = { title: "Agency" };

/** A platform admin's view of one agency. Reading an agency's data from here is audited in that agency's log. */
export default async function PlatformAgencyPage({ params, searchParams }: PageProps<"/platform/agencies/[id]">) {
  const { id } = await params;
  const lookInExpired = (await searchParams)["look-in"] === "expired";
  const { ctx, agency, db } = await requirePlatformAgencyPage(id);
  const [{ clinics, members, lookIns }, billing, audit] = await Promise.all([
    getPlatformAgencyOverview(db),
    getPlatformAgencyBilling(agency.id),
    findPlatformAuditLog(ZPlatformAuditFilter.parse({ agency: agency.id })),
  ]);
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
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Subscription</h2>
            </CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3 text-sm">
            {!billing.configured ? (
              <p className="text-muted-foreground">Billing is not set up on this Sidecar (no Stripe key).</p>
            ) : (
              <>
                <dl className="grid grid-cols-2 gap-x-4 gap-y-1">
                  <dt className="text-muted-foreground">Plan</dt>
                  <dd>{billing.overview.entitlement.plan?.name ?? "No subscription"}</dd>
                  <dt className="text-muted-foreground">Status</dt>
                  <dd>{billing.overview.status?.replace("_", " ") ?? (billing.overview.entitlement.state === "trialing" ? "free trial, no Checkout yet" : "trial ended, no Checkout")}</dd>
                  <dt className="text-muted-foreground">Access</dt>
                  <dd>{billing.overview.entitlement.access === "read_only" ? "Read-only" : "Full"}</dd>
                  {billing.overview.trialEndsAt && billing.overview.entitlement.state === "trialing" && (
                    <>
                      <dt className="text-muted-foreground">Trial ends</dt>
                      <dd>{formatWhen(billing.overview.trialEndsAt)}</dd>
                    </>
                  )}
                  {billing.overview.nextInvoice && (
                    <>
                      <dt className="text-muted-foreground">Next invoice</dt>
                      <dd>
                        {formatMoney(billing.overview.nextInvoice.amountCents)} on {formatWhen(billing.overview.nextInvoice.date)}
                      </dd>
                    </>
                  )}
                </dl>
                <h3 className="font-medium">Invoices</h3>
                {billing.invoices === null ? (
                  <p className="text-muted-foreground">Stripe did not answer; the invoices could not be listed.</p>
                ) : billing.invoices.length === 0 ? (
                  <p className="text-muted-foreground">No invoices yet.</p>
                ) : (
                  <ul className="flex flex-col divide-y">
                    {billing.invoices.map((invoice) => (
                      <li key={invoice.id} className="flex flex-wrap justify-between gap-2 py-1.5">
                        <span>
                          {invoice.number ?? invoice.id} · {formatWhen(invoice.created)}
                        </span>
                        <span className="tabular-nums">
                          {formatMoney(invoice.amountDueCents)} · {invoice.status ?? "—"}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Audit log</h2>
            </CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3 text-sm">
            {audit.entries.length === 0 ? (
              <p className="text-muted-foreground">Nothing recorded yet.</p>
            ) : (
              <ul className="flex flex-col divide-y">
                {audit.entries.slice(0, 10).map((entry) => (
                  <li key={entry.id} className="flex flex-col py-1.5">
                    <span className="break-words">
                      {auditActorText(entry, audit.people)} ·{" "}
                      <span className="font-mono text-xs">{entry.action}</span> · {entry.outcome}
                    </span>
                    <span className="text-muted-foreground">{formatWhen(entry.createdAt)}</span>
                  </li>
                ))}
              </ul>
            )}
            <Link className="text-primary underline" href={`/platform/audit?agency=${agency.id}`}>
              All {audit.total.toLocaleString("en-US")} entries
            </Link>
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
