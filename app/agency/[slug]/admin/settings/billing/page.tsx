import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { PageHeader } from "@/components/shared/page-header";
import { SettingsNav } from "@/components/settings/settings-nav";
import { CheckoutForm, PortalButton, type PlanChoice } from "@/components/billing/billing-actions";
import { allows } from "@/lib/auth/context";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { visibleClinics } from "@/lib/clinic/clinics";
import { billingOverview, listInvoices, type InvoiceRow } from "@/lib/billing/account";
import { billingPath } from "@/lib/billing/entitlements";
import { formatMoney, planFor } from "@/lib/billing/plans";
import { billingConfigured } from "@/lib/stripe/client";
import { log } from "@/lib/log";

export const metadata = { title: "Billing" };

const STATUS_LABELS: Record<string, { label: string; variant: "success" | "warning" | "destructive" | "secondary" }> = {
  trialing: { label: "Free trial", variant: "secondary" },
  active: { label: "Active", variant: "success" },
  past_due: { label: "Payment failed", variant: "warning" },
  unpaid: { label: "Unpaid", variant: "destructive" },
  canceled: { label: "Canceled", variant: "destructive" },
  incomplete: { label: "Payment incomplete", variant: "warning" },
  incomplete_expired: { label: "Expired", variant: "destructive" },
  paused: { label: "Paused", variant: "destructive" },
};

const date = (d: Date) => d.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

export default async function BillingSettingsPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/settings/billing">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "billing.manage");
  const query = await searchParams;
  const base = `/agency/${ctx.organization.slug}/admin/settings`;
  const header = (
    <>
      <PageHeader title="Settings" description={ctx.organization.name} />
      <SettingsNav base={base} current="billing" showAudit={allows(ctx, "audit.read")} showBilling />
    </>
  );
  if (!billingConfigured()) {
    return (
      <div className="flex flex-col gap-6">
        {header}
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Billing</h2>
            </CardTitle>
            <CardDescription>Billing is not set up on this Sidecar (no Stripe key), so nothing is charged or limited.</CardDescription>
          </CardHeader>
        </Card>
      </div>
    );
  }
  const overview = await billingOverview(ctx.organization.id);
  const clinics = (await visibleClinics(ctx)).length;
  let invoices: InvoiceRow[] | null = null;
  try {
    invoices = await listInvoices(ctx.organization.id);
  } catch (err) {
    log.error({ err, organizationId: ctx.organization.id }, "could not list invoices");
  }
  const { entitlement } = overview;
  const status = overview.status ? STATUS_LABELS[overview.status] : null;
  const canSubscribe = !overview.status || overview.status === "canceled" || overview.status === "incomplete_expired";
  const plans: PlanChoice[] = overview.plans.map((p) => ({ key: p.key, name: p.name, summary: p.summary, monthly: formatMoney(p.prices.month.amountCents), yearly: formatMoney(p.prices.year.amountCents) }));
  return (
    <div className="flex flex-col gap-6">
      {header}
      {query.checkout === "done" && (
        <Alert variant="info">
          <AlertDescription>Thanks: Stripe confirmed the subscription.</AlertDescription>
        </Alert>
      )}
      {query.checkout === "canceled" && (
        <Alert>
          <AlertDescription>Checkout was canceled; nothing changed.</AlertDescription>
        </Alert>
      )}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Subscription</h2>
          </CardTitle>
          <CardDescription>
            {clinics === 1 ? "1 clinic" : `${clinics} clinics`}
            {entitlement.clinicLimit !== null ? ` of the ${entitlement.clinicLimit} the plan includes` : ""}.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {overview.status ? (
            <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-muted-foreground">Plan</dt>
                <dd className="font-medium">
                  {entitlement.plan?.name ?? "Unknown plan"}
                  {overview.interval ? ` (${overview.interval === "year" ? "yearly" : "monthly"})` : ""}
                </dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Status</dt>
                <dd>{status && <Badge variant={status.variant}>{status.label}</Badge>}</dd>
              </div>
              {entitlement.trialDaysLeft !== null && overview.trialEndsAt && (
                <div>
                  <dt className="text-muted-foreground">Trial</dt>
                  <dd>
                    {entitlement.trialDaysLeft === 1 ? "1 day" : `${entitlement.trialDaysLeft} days`} left (ends {date(overview.trialEndsAt)})
                  </dd>
                </div>
              )}
              <div>
                <dt className="text-muted-foreground">Next invoice</dt>
                <dd>{overview.nextInvoice ? `${formatMoney(overview.nextInvoice.amountCents)} on ${date(overview.nextInvoice.date)}` : overview.cancelAtPeriodEnd && overview.currentPeriodEnd ? `None: ends ${date(overview.currentPeriodEnd)}` : "None"}</dd>
              </div>
              {entitlement.graceEndsAt && (
                <div>
                  <dt className="text-muted-foreground">Full access until</dt>
                  <dd>{date(entitlement.graceEndsAt)}, unless the card is updated</dd>
                </div>
              )}
            </dl>
          ) : (
            <p className="text-sm">No subscription yet. Start a 14-day free trial: no card needed.</p>
          )}
          {!canSubscribe && (
            <div className="mt-4">
              <PortalButton slug={ctx.organization.slug} />
            </div>
          )}
        </CardContent>
      </Card>
      {canSubscribe && (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{overview.status ? "Subscribe again" : "Choose a plan"}</h2>
            </CardTitle>
            <CardDescription>Payment is handled by Stripe. Change plan, card or cancel any time from Stripe&apos;s billing portal.</CardDescription>
          </CardHeader>
          <CardContent>
            <CheckoutForm slug={ctx.organization.slug} plans={plans} trial={!overview.status} suggested={planFor(Math.max(clinics, 1)).key} />
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Invoices</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          {invoices === null ? (
            <p role="alert" className="text-sm text-destructive">
              Invoices could not be loaded from Stripe just now. <Link className="underline" href={billingPath(ctx.organization.slug)}>Try again</Link>
            </p>
          ) : invoices.length === 0 ? (
            <p className="text-sm text-muted-foreground">No invoices yet.</p>
          ) : (
            <div className="overflow-x-auto">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Invoice</TableHead>
                    <TableHead>Date</TableHead>
                    <TableHead className="text-right">Amount</TableHead>
                    <TableHead>Status</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {invoices.map((invoice) => (
                    <TableRow key={invoice.id}>
                      <TableCell>
                        <a className="underline" href={`${billingPath(ctx.organization.slug)}/invoices/${invoice.id}`}>
                          {invoice.number ?? "Draft"}
                        </a>
                      </TableCell>
                      <TableCell>{date(invoice.created)}</TableCell>
                      <TableCell className="text-right">{formatMoney(invoice.amountDueCents, invoice.currency)}</TableCell>
                      <TableCell>{invoice.status ?? "draft"}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
