import Link from "next/link";
import { CalendarCheck, CalendarClock, UserPlus, Users } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PageHeader } from "@/components/shared/page-header";
import { getDashboardSummary } from "@/lib/dashboard/summary";
import { requireMemberPage } from "@/lib/auth/context";

export const metadata = { title: "Dashboard" };

export default async function AgencyDashboardPage({ params }: PageProps<"/agency/[slug]/admin">) {
  const { slug } = await params;
  const { organization, db } = await requireMemberPage(slug, "agency.view");
  const clinics = await getDashboardSummary(db);
  const totals = clinics.reduce(
    (sum, c) => ({
      contacts: sum.contacts + c.contacts,
      newContactsThisWeek: sum.newContactsThisWeek + c.newContactsThisWeek,
      appointmentsToday: sum.appointmentsToday + c.appointmentsToday,
      upcomingAppointments: sum.upcomingAppointments + c.upcomingAppointments,
    }),
    { contacts: 0, newContactsThisWeek: 0, appointmentsToday: 0, upcomingAppointments: 0 },
  );
  const stats = [
    { label: "Contacts", value: totals.contacts, icon: Users },
    { label: "New contacts this week", value: totals.newContactsThisWeek, icon: UserPlus },
    { label: "Appointments today", value: totals.appointmentsToday, icon: CalendarCheck },
    { label: "Upcoming appointments", value: totals.upcomingAppointments, icon: CalendarClock },
  ];

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Dashboard" description={`All clinics of ${organization.name}`} />
      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading" className="sr-only">
          Totals across clinics
        </h2>
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
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
            <h2>Clinics</h2>
          </CardTitle>
          <CardDescription>Each clinic&apos;s day is counted in its own timezone.</CardDescription>
        </CardHeader>
        <CardContent>
          {clinics.length === 0 ? (
            <p className="py-8 text-center text-sm text-muted-foreground">
              No clinics yet. Connect GoHighLevel in Settings to choose which sub-accounts become clinics.
            </p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">Clinic</TableHead>
                  <TableHead scope="col" className="text-right">Contacts</TableHead>
                  <TableHead scope="col" className="text-right">New this week</TableHead>
                  <TableHead scope="col" className="text-right">Today</TableHead>
                  <TableHead scope="col" className="text-right">Upcoming</TableHead>
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
                    <TableCell className="text-right tabular-nums">{clinic.contacts}</TableCell>
                    <TableCell className="text-right tabular-nums">{clinic.newContactsThisWeek}</TableCell>
                    <TableCell className="text-right tabular-nums">{clinic.appointmentsToday}</TableCell>
                    <TableCell className="text-right tabular-nums">{clinic.upcomingAppointments}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
