import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { PageHeader } from "@/components/shared/page-header";
import { AuditFilterDates } from "@/components/audit/audit-filter-dates";
import { Pagination } from "@/components/shared/pagination";
import { PlatformShell } from "@/components/platform/platform-shell";
import { auditActorText } from "@/lib/audit/actor";
import { requirePlatformPage } from "@/lib/entry/page-guards";
import { findPlatformAuditLog, ZPlatformAuditFilter } from "@/lib/platform/oversight";

export const metadata = { title: "Audit log · Platform" };

/** Every agency's audit log in one place, for the platform team. */
export default async function PlatformAuditPage({ searchParams }: PageProps<"/platform/audit">) {
  const ctx = await requirePlatformPage();
  const filter = ZPlatformAuditFilter.parse(await searchParams);
  const { entries, total, pages, agencies, people } = await findPlatformAuditLog(filter);
  const agencyName = (id: string | null) => (id ? (agencies.find((a) => a.id === id)?.name ?? "Removed agency") : "Platform");
  const pageHref = (page: number) => {
    const query = new URLSearchParams(Object.entries({ ...filter, page: String(page) }).filter(([, v]) => v) as [string, string][]);
    return `/platform/audit?${query}`;
  };
  return (
    <PlatformShell userName={ctx.user.name} current="audit">
      <PageHeader title="Audit log" description="What every agency's people, and the platform, did." />
      <form className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end" action="/platform/audit">
        <div className="flex flex-col gap-1.5 lg:col-span-2">
          <Label htmlFor="audit-agency">Agency</Label>
          <NativeSelect id="audit-agency" name="agency" defaultValue={filter.agency ?? ""}>
            <option value="">Every agency</option>
            <option value="platform">The platform itself</option>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-action">Action starts with</Label>
          <Input id="audit-action" name="action" defaultValue={filter.action} placeholder="platform." />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-outcome">Result</Label>
          <NativeSelect id="audit-outcome" name="outcome" defaultValue={filter.outcome ?? ""}>
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
          </NativeSelect>
        </div>
        <AuditFilterDates from={filter.from} to={filter.to} clearHref={"/platform/audit"} actionsClassName="flex gap-2 lg:col-span-6" />
      </form>
      <Card>
        <CardContent className="pt-5">
          {entries.length === 0 ? (
            <p className="py-8 text-center text-sm text-muted-foreground">No audit entries match these filters.</p>
          ) : (
            <ul className="flex flex-col divide-y text-sm">
              {entries.map((entry) => (
                <li key={entry.id} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-baseline sm:gap-3">
                  <span className="shrink-0 tabular-nums text-muted-foreground">{entry.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</span>
                  <span className="min-w-0 flex-1 break-words">
                    <span className="font-medium">{agencyName(entry.organizationId)}</span> ·{" "}
                    {auditActorText(entry, people)} ·{" "}
                    <span className="font-mono text-xs">{entry.action}</span>
                    {entry.targetType && <span className="text-muted-foreground"> · {[entry.targetType, entry.targetId].filter(Boolean).join(" ")}</span>}
                  </span>
                  <Badge variant={entry.outcome === "success" ? "success" : "destructive"}>{entry.outcome}</Badge>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Pagination label="Audit log pages" page={filter.page} pages={pages} total={total} noun="entries" href={pageHref} />
    </PlatformShell>
  );
}
