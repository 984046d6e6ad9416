import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PageHeader } from "@/components/shared/page-header";
import { CreateAgencyForm } from "@/components/platform/create-agency-form";
import { PlatformShell } from "@/components/platform/platform-shell";
import { requirePlatformPage } from "@/lib/auth/context";
import { unsafeListAgencies } from "@/lib/orgs/organizations";
import { agencyBillingLine, billingTotals } from "@/lib/billing/platform";
import { formatMoney } from "@/lib/billing/plans";

const STATE_BADGES: Record<string, "success" | "secondary" | "warning" | "destructive"> = {
  active: "success",
  trialing: "secondary",
  unbilled: "secondary",
  past_due: "warning",
};
const STATE_LABELS: Record<string, string> = {
  unbilled: "no subscription",
  trialing: "trial",
  active: "active",
  past_due: "past due",
  trial_expired: "trial ended",
  grace_over: "past due, read-only",
  canceled: "canceled",
  unpaid: "unpaid",
  paused: "paused",
  incomplete: "incomplete",
};
const day = (d: Date) => d.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

export const metadata = { title: "Platform" };

export default async function PlatformPage() {
  const ctx = await requirePlatformPage();
  const agencies = await unsafeListAgencies();
  const now = new Date();
  const totals = billingTotals(agencies, now);
  const figures = [
    { label: "MRR", value: formatMoney(totals.mrrCents), detail: `${totals.paying} paying` },
    { label: "Trials", value: String(totals.trials) },
    { label: "Past due", value: String(totals.pastDue) },
    { label: "Churned this month", value: String(totals.churnedThisMonth) },
  ];
  return (
    <PlatformShell userName={ctx.user.name}>
      <PageHeader title="Agencies" description="Every agency on Sidecar." />
      <section aria-label="Totals">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {figures.map((f) => (
            <div key={f.label} className="rounded-lg border bg-card p-4">
              <dt className="text-xs text-muted-foreground">{f.label}</dt>
              <dd className="text-xl font-semibold tabular-nums">{f.value}</dd>
              {f.detail && <dd className="text-xs text-muted-foreground">{f.detail}</dd>}
            </div>
          ))}
        </dl>
      </section>
      <Card>
        <CardContent className="pt-5">
          {agencies.length === 0 ? (
            <p className="py-8 text-center text-sm text-muted-foreground">No agencies yet. Create the first one below.</p>
          ) : (
            <div className="overflow-x-auto">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead scope="col">Agency</TableHead>
                    <TableHead scope="col">Plan</TableHead>
                    <TableHead scope="col">Status</TableHead>
                    <TableHead scope="col" className="text-right">MRR</TableHead>
                    <TableHead scope="col">Trial ends</TableHead>
                    <TableHead scope="col" className="text-right">Clinics</TableHead>
                    <TableHead scope="col" className="text-right">Members</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {agencies.map((agency) => {
                    const line = agencyBillingLine(agency, now);
                    return (
                      <TableRow key={agency.id}>
                        <TableCell>
                          <Link href={`/platform/agencies/${agency.id}`} className="font-medium hover:underline">
                            {agency.name}
                          </Link>
                          <div className="text-xs text-muted-foreground">{agency.slug}</div>
                        </TableCell>
                        <TableCell>{line.planName ?? "—"}</TableCell>
                        <TableCell>
                          <Badge variant={STATE_BADGES[line.state] ?? "destructive"}>{STATE_LABELS[line.state]}</Badge>
                        </TableCell>
                        <TableCell className="text-right tabular-nums">{line.mrrCents ? formatMoney(line.mrrCents) : "—"}</TableCell>
                        <TableCell className="tabular-nums">{line.trialEndsAt ? day(line.trialEndsAt) : "—"}</TableCell>
                        <TableCell className="text-right tabular-nums">{agency.clinicCount}</TableCell>
                        <TableCell className="text-right tabular-nums">{agency.memberCount}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Create an agency</h2>
          </CardTitle>
          <CardDescription>The owner receives an invitation by email and sets up the rest.</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateAgencyForm />
        </CardContent>
      </Card>
    </PlatformShell>
  );
}
