import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PageHeader } from "@/components/shared/page-header";
import { PlatformShell } from "@/components/platform/platform-shell";
import { SyncHealthBadge } from "@/components/integrations/sync-health-badge";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { getPlatformAgencyOverview, requirePlatformAgencyPage } from "@/lib/platform/agency-page";

export const metadata = { title: "Agency" };

/** A platform admin's view of one agency. Reading an agency's data from here is audited in that agency's log. */
export default async function PlatformAgencyPage({ params }: PageProps<"/platform/agencies/[id]">) {
  const { id } = await params;
  const { ctx, agency, db } = await requirePlatformAgencyPage(id);
  const { clinics, members } = await getPlatformAgencyOverview(db);
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
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead scope="col">Clinic</TableHead>
                    <TableHead scope="col" className="text-right">Contacts</TableHead>
                    <TableHead scope="col">Sync</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {clinics.map((c) => (
                    <TableRow key={c.id}>
                      <TableCell>{c.name}</TableCell>
                      <TableCell className="text-right tabular-nums">{c.contacts}</TableCell>
                      <TableCell>
                        <SyncHealthBadge health={c.sync.health} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
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
                <li key={m.id} className="flex justify-between gap-3 py-2">
                  <span>
                    {m.user.name} <span className="text-muted-foreground">{m.user.email}</span>
                  </span>
                  <span className="text-muted-foreground">{ROLE_LABELS[m.role]}</span>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      </div>
    </PlatformShell>
  );
}
