import "server-only";
import Link from "next/link";
import { CalendarCheck, CalendarClock, CalendarRange, PackageX, UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PageHeader } from "@/components/shared/page-header";
import { SyncHealthBadge } from "@/components/integrations/sync-health-badge";
import { OutcomesChart } from "@/components/dashboard/outcomes-chart";
import { InventoryAlerts } from "@/components/inventory/inventory-alerts";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { getClinicMetrics, getDailyOutcomes, rate, RATE_WINDOW_DAYS, totalMetrics, UPCOMING_DAYS } from "@/lib/dashboard/metrics";
import { findInventoryAlerts } from "@/lib/inventory/alerts";
import { timeAgo } from "@/lib/time/relative";

export const metadata = { title: "Dashboard" };

const percent = (value: number | null) => (value === null ? "—" : `${value}%`);

export default async function AgencyDashboardPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/dashboard">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "agency.view");
  const { organization } = ctx;
  const { clinic: clinicParam } = await searchParams;
  const all = await getClinicMetrics(ctx);
  const selected = typeof clinicParam === "string" ? all.find((c) => c.id === clinicParam) : undefined;
  const scope = selected ? { ...ctx, clinicIds: [selected.id] } : ctx;
  const clinics = selected ? [selected] : all;
  const totals = totalMetrics(clinics);
  // The chart counts each appointment on its clinic's own date.
  const zones = [...new Set(clinics.map((c) => c.timezone))];
  const chartDays = zones.length === 1 ? zones[0] : "each clinic's local days";
  const [days, alerts] = await Promise.all([
    all.length ? getDailyOutcomes(scope) : [],
    findInventoryAlerts(ctx.db, { locationIds: scope.clinicIds, limit: 5 }),
  ]);
  const lowStock = all.length ? alerts.lowStockCount : 0;
  const base = `/agency/${organization.slug}/admin`;
  const stats = [
    { label: "New contacts this week", value: totals.newContactsThisWeek, icon: UserPlus },
    { label: "Appointments today", value: totals.appointmentsToday, icon: CalendarCheck },
    { label: "Appointments this week", value: totals.appointmentsThisWeek, icon: CalendarRange },
    { label: `Unconfirmed, next ${UPCOMING_DAYS} days`, value: totals.unconfirmedUpcoming, icon: CalendarClock },
    { label: "Supplies low on stock", value: lowStock, icon: PackageX },
  ];
  const { past30 } = totals;
  const rates = [
    { label: "Show rate", value: rate(past30.showed, past30.total), count: past30.showed },
    { label: "No-show rate", value: rate(past30.noshow, past30.total), count: past30.noshow },
    { label: "Cancellation rate", value: rate(past30.cancelled, past30.total), count: past30.cancelled },
    { label: "Not marked", value: rate(past30.notMarked, past30.total), count: past30.notMarked, hint: "past visits never marked showed or no-show" },
  ];

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Dashboard"
        description={selected ? `${selected.name} · its day in ${selected.timezone}` : `All clinics of ${organization.name}`}
        actions={
          all.length > 1 ? (
            <form action={`${base}/dashboard`} className="flex items-end gap-2">
              <div className="flex flex-col gap-1.5">
                <Label htmlFor="dashboard-clinic">Clinic</Label>
                <NativeSelect id="dashboard-clinic" name="clinic" defaultValue={selected?.id ?? ""} className="min-w-48">
                  <option value="">All clinics</option>
                  {all.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </NativeSelect>
              </div>
              <Button type="submit" variant="outline">
                Show
              </Button>
            </form>
          ) : null
        }
      />
      {all.length === 0 ? (
        <Card>
          <CardContent className="py-12 text-center text-muted-foreground">
            No clinics yet.{" "}
            <Link className="underline" href={`${base}/settings/integrations`}>
              Connect GoHighLevel
            </Link>{" "}
            to choose which sub-accounts become clinics.
          </CardContent>
        </Card>
      ) : (
        <>
          <section aria-labelledby="totals-heading">
            <h2 id="totals-heading" className="sr-only">
              This week
            </h2>
            <dl className="grid grid-cols-2 gap-4 lg:grid-cols-5">
              {stats.map(({ label, value, icon: Icon }) => (
                <Card key={label}>
                  <CardContent className="flex items-start justify-between gap-2 p-5">
                    <div>
                      <dt className="text-sm text-muted-foreground">{label}</dt>
                      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value.toLocaleString("en-US")}</dd>
                    </div>
                    <Icon aria-hidden="true" className="size-5 text-muted-foreground" />
                  </CardContent>
                </Card>
              ))}
            </dl>
          </section>
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>Last {RATE_WINDOW_DAYS} days</h2>
              </CardTitle>
              <CardDescription>{past30.total.toLocaleString("en-US")} appointments started in the last {RATE_WINDOW_DAYS} days.</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-6">
              <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
                {rates.map((r) => (
                  <div key={r.label} className="rounded-md border p-4">
                    <dt className="text-sm text-muted-foreground">{r.label}</dt>
                    <dd className="mt-1 text-2xl font-semibold tabular-nums">
                      {percent(r.value)} <span className="text-sm font-normal text-muted-foreground">({r.count.toLocaleString("en-US")})</span>
                    </dd>
                    {r.hint && <dd className="mt-1 text-xs text-muted-foreground">{r.hint}</dd>}
                  </div>
                ))}
              </dl>
              <OutcomesChart days={days} caption={`Appointments per day by outcome, last ${RATE_WINDOW_DAYS} days (${chartDays}).`} />
            </CardContent>
          </Card>
          <InventoryAlerts alerts={alerts} base={`${base}/inventory`} />
          <Card>
            <CardHeader>
              <CardTitle>
                <h2 id="clinics-heading">Clinics</h2>
              </CardTitle>
              <CardDescription>Each clinic&apos;s day and week are counted in its own timezone.</CardDescription>
            </CardHeader>
            <CardContent>
              {/* A phone gets one card per clinic; the table needs room for its seven columns. */}
              <ul className="flex flex-col gap-3 sm:hidden" aria-labelledby="clinics-heading">
                {clinics.map((clinic) => (
                  <li key={clinic.id} className="rounded-md border p-3">
                    <div className="flex items-start justify-between gap-3">
                      <div className="min-w-0">
                        <Link className="font-medium break-words hover:underline" href={`/agency/${organization.slug}/clinic/${clinic.id}`}>
                          {clinic.name}
                        </Link>
                        <div className="text-xs text-muted-foreground">{clinic.timezone}</div>
                      </div>
                      <SyncHealthBadge health={clinic.sync.health} />
                    </div>
                    <dl className="mt-3 grid grid-cols-3 gap-x-3 gap-y-2 text-sm">
                      {[
                        ["Contacts", clinic.contacts.toLocaleString("en-US")],
                        ["New this week", String(clinic.newContactsThisWeek)],
                        ["Today", String(clinic.appointmentsToday)],
                        ["Unconfirmed", String(clinic.unconfirmedUpcoming)],
                        ["No-show (30 d)", percent(rate(clinic.past30.noshow, clinic.past30.total))],
                      ].map(([label, value]) => (
                        <div key={label}>
                          <dt className="text-xs text-muted-foreground">{label}</dt>
                          <dd className="font-medium tabular-nums">{value}</dd>
                        </div>
                      ))}
                    </dl>
                    <p className="mt-2 text-xs text-muted-foreground">{clinic.sync.lastSyncedAt ? `Synced ${timeAgo(clinic.sync.lastSyncedAt)}` : "Never synced"}</p>
                  </li>
                ))}
              </ul>
              <div className="hidden sm:block">
                <Table aria-labelledby="clinics-heading">
                  <TableHeader>
                    <TableRow>
                      <TableHead scope="col">Clinic</TableHead>
                      <TableHead scope="col" className="text-right">Contacts</TableHead>
                      <TableHead scope="col" className="text-right">New this week</TableHead>
                      <TableHead scope="col" className="text-right">Today</TableHead>
                      <TableHead scope="col" className="text-right">Unconfirmed</TableHead>
                      <TableHead scope="col" className="text-right">No-show (30 d)</TableHead>
                      <TableHead scope="col">Sync</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {clinics.map((clinic) => (
                      <TableRow key={clinic.id}>
                        <TableCell>
                          <Link className="font-medium hover:underline" href={`/agency/${organization.slug}/clinic/${clinic.id}`}>
                            {clinic.name}
                          </Link>
                          <div className="text-xs text-muted-foreground">{clinic.timezone}</div>
                        </TableCell>
                        <TableCell className="text-right tabular-nums">{clinic.contacts.toLocaleString("en-US")}</TableCell>
                        <TableCell className="text-right tabular-nums">{clinic.newContactsThisWeek}</TableCell>
                        <TableCell className="text-right tabular-nums">{clinic.appointmentsToday}</TableCell>
                        <TableCell className="text-right tabular-nums">{clinic.unconfirmedUpcoming}</TableCell>
                        <TableCell className="text-right tabular-nums">{percent(rate(clinic.past30.noshow, clinic.past30.total))}</TableCell>
                        <TableCell>
                          <div className="flex flex-col items-start gap-1">
                            <SyncHealthBadge health={clinic.sync.health} />
                            <span className="text-xs text-muted-foreground">
                              {clinic.sync.lastSyncedAt ? `synced ${timeAgo(clinic.sync.lastSyncedAt)}` : "never synced"}
                            </span>
                          </div>
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            </CardContent>
          </Card>
        </>
      )}
    </div>
  );
}
