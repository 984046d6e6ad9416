import "server-only";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PageHeader } from "@/components/shared/page-header";
import { AuditFilterDates } from "@/components/audit/audit-filter-dates";
import { Pagination } from "@/components/shared/pagination";
import { SettingsNav } from "@/components/settings/settings-nav";
import { auditActor, type AuditActorEntry } from "@/lib/audit/actor";
import { findAuditLog, ZAuditFilter } from "@/lib/audit/queries";
import { allows } from "@/lib/auth/context";
import { requireMemberPage } from "@/lib/entry/page-guards";

export const metadata = { title: "Audit log" };

export default async function AuditLogPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/settings/audit">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "audit.read");
  const filter = ZAuditFilter.parse(await searchParams);
  const { entries, total, pages, actions, actors, people } = await findAuditLog(ctx.db, filter);
  const base = `/agency/${ctx.organization.slug}/admin/settings`;
  const actorName = (entry: AuditActorEntry) => auditActor(entry, people).name;
  const platformPart = (entry: AuditActorEntry) => auditActor(entry, people).platform;
  const pageHref = (page: number) => {
    const query = new URLSearchParams(Object.entries({ ...filter, page: String(page) }).filter(([, v]) => v) as [string, string][]);
    return `${base}/audit?${query}`;
  };

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Settings" description={ctx.organization.name} />
      <SettingsNav base={base} current="audit" showAudit showBilling={allows(ctx, "billing.manage")} />
      <form className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end" action={`${base}/audit`}>
        <div className="flex flex-col gap-1.5 lg:col-span-2">
          <Label htmlFor="audit-action">Action</Label>
          <NativeSelect id="audit-action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">All actions</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-actor">Who</Label>
          <NativeSelect id="audit-actor" name="actor" defaultValue={filter.actor ?? ""}>
            <option value="">Anyone</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <AuditFilterDates from={filter.from} to={filter.to} clearHref={`${base}/audit`} />
      </form>
      <Card>
        <CardContent className="pt-5">
          {entries.length === 0 ? (
            <p className="py-8 text-center text-sm text-muted-foreground">No audit entries match these filters.</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">When (UTC)</TableHead>
                  <TableHead scope="col">Who</TableHead>
                  <TableHead scope="col">What</TableHead>
                  <TableHead scope="col">Result</TableHead>
                  <TableHead scope="col">Details</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {entries.map((entry) => (
                  <TableRow key={entry.id}>
                    <TableCell className="whitespace-nowrap tabular-nums">{entry.createdAt.toISOString().slice(0, 16).replace("T", " ")}</TableCell>
                    <TableCell>
                      {actorName(entry)}
                      {platformPart(entry) && <span className="text-muted-foreground"> {platformPart(entry)}</span>}
                    </TableCell>
                    <TableCell className="font-mono text-xs">{entry.action}</TableCell>
                    <TableCell>
                      <Badge variant={entry.outcome === "success" ? "success" : "destructive"}>{entry.outcome}</Badge>
                    </TableCell>
                    <TableCell className="max-w-xs truncate text-xs text-muted-foreground">
                      {[entry.targetType, entry.targetId].filter(Boolean).join(" ")}
                      {entry.metadata ? ` ${JSON.stringify(entry.metadata)}` : ""}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Pagination label="Audit log pages" page={filter.page} pages={pages} total={total} noun="entries" href={pageHref} />
    </div>
  );
}
