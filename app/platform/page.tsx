import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PageHeader } from "@/components/shared/page-header";
import { CreateAgencyForm } from "@/components/platform/create-agency-form";
import { PlatformShell } from "@/components/platform/platform-shell";
import { requirePlatformPage } from "@/lib/entry/page-guards";
import { unsafeListAgenciesWithCounts } from "@/lib/orgs/organizations";
import { agencyBillingLine, billingTotals } from "@/lib/billing/platform";
import { formatMoney } from "@/lib/billing/plans";
import { agencyActivity, ZAgencyListFilter } from "@/lib/platform/oversight";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";

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
const moment = (d: Date) => d.toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });

export const metadata = { title: "Platform" };

export default async function PlatformPage({ searchParams }: PageProps<"/platform">) {
  const ctx = await requirePlatformPage();
  const filter = ZAgencyListFilter.parse(await searchParams);
  const now = new Date();
  const [agencies, activity] = await Promise.all([unsafeListAgenciesWithCounts(), agencyActivity(now)]);
  const totals = billingTotals(agencies, now);
  const rows = agencies
    .map((agency) => ({ agency, line: agencyBillingLine(agency, now), activity: activity.get(agency.id) }))
    .filter(({ agency, line, activity }) => {
      if (filter.q && !`${agency.name} ${agency.slug}`.toLowerCase().includes(filter.q)) return false;
      if (filter.state && line.state !== filter.state) return false;
      if (filter.sync === "failing" && !activity?.failingClinics) return false;
      return true;
    });
  const filtered = Boolean(filter.q || filter.state || filter.sync);
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
      <form className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" action="/platform" role="search" aria-label="Agencies">
        <div className="flex flex-col gap-1.5 lg:col-span-2">
          <Label htmlFor="agency-q">Name or address</Label>
          <Input id="agency-q" name="q" type="search" defaultValue={filter.q} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="agency-state">Billing</Label>
          <NativeSelect id="agency-state" name="state" defaultValue={filter.state ?? ""}>
            <option value="">Any</option>
            {Object.entries(STATE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="agency-sync">Sync</Label>
          <NativeSelect id="agency-sync" name="sync" defaultValue={filter.sync ?? ""}>
            <option value="">Any</option>
            <option value="failing">A clinic failing</option>
          </NativeSelect>
        </div>
        <div className="flex gap-2">
          <Button type="submit">Filter</Button>
          <Button variant="ghost" asChild>
            <Link href="/platform">Clear</Link>
          </Button>
        </div>
      </form>
      <Card>
        <CardContent className="pt-5">
          {agencies.length === 0 ? (
            <p className="py-8 text-center text-sm text-muted-foreground">No agencies yet. Create the first one below.</p>
          ) : rows.length === 0 ? (
            <p className="py-8 text-center text-sm text-muted-foreground">No agency matches these filters.</p>
          ) : (
            <div className="overflow-x-auto">
              {filtered && (
                <p className="pb-2 text-sm text-muted-foreground" role="status">
                  {rows.length} of {agencies.length} agencies
                </p>
              )}
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
                    <TableHead scope="col">Sync</TableHead>
                    <TableHead scope="col" className="text-right">Ask tokens this month</TableHead>
                    <TableHead scope="col">Last activity</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.map(({ agency, line, activity }) => (
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
                      <TableCell>
                        {activity?.failingClinics ? (
                          <Badge variant="destructive">
                            {activity.failingClinics} failing
                          </Badge>
                        ) : (
                          <span className="text-muted-foreground">OK</span>
                        )}
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{activity?.askTokensThisMonth ? activity.askTokensThisMonth.toLocaleString("en-US") : "—"}</TableCell>
                      <TableCell className="tabular-nums">{activity?.lastActivityAt ? moment(activity.lastActivityAt) : "—"}</TableCell>
                    </TableRow>
                  ))}
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
