import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PageHeader } from "@/components/shared/page-header";
import { CreateAgencyForm } from "@/components/platform/create-agency-form";
import { PlatformShell } from "@/components/platform/platform-shell";
import { requirePlatformPage } from "@/lib/auth/context";
import { unsafeListAgencies } from "@/lib/orgs/organizations";

export const metadata = { title: "Platform" };

export default async function PlatformPage() {
  const ctx = await requirePlatformPage();
  const agencies = await unsafeListAgencies();
  return (
    <PlatformShell userName={ctx.user.name}>
      <PageHeader title="Agencies" description="Every agency on Sidecar." />
      <Card>
        <CardContent className="pt-5">
          {agencies.length === 0 ? (
            <p className="py-8 text-center text-sm text-muted-foreground">No agencies yet. Create the first one below.</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">Agency</TableHead>
                  <TableHead scope="col">Subscription</TableHead>
                  <TableHead scope="col" className="text-right">Clinics</TableHead>
                  <TableHead scope="col" className="text-right">Members</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {agencies.map((agency) => (
                  <TableRow key={agency.id}>
                    <TableCell>
                      <Link href={`/platform/agencies/${agency.id}`} className="font-medium hover:underline">
                        {agency.name}
                      </Link>
                      <div className="text-xs text-muted-foreground">{agency.slug}</div>
                    </TableCell>
                    <TableCell>
                      <Badge variant={agency.subscriptionStatus === "active" ? "success" : "secondary"}>{agency.subscriptionStatus.replace("_", " ")}</Badge>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{agency.clinicCount}</TableCell>
                    <TableCell className="text-right tabular-nums">{agency.memberCount}</TableCell>
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
