import "server-only";
import Link from "next/link";
import { CheckNowButton, FindingActions } from "@/components/ops/finding-actions";
import { SeverityBadge } from "@/components/ops/severity-badge";
import { MeasuresTable } from "@/components/ops/measures-table";
import { Pagination } from "@/components/shared/pagination";
import { PageHeader } from "@/components/shared/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { allows } from "@/lib/auth/context";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { visibleClinics } from "@/lib/clinic/clinics";

import { weeklyMeasures } from "@/lib/ops/measures";
import { assignableMembers, listQueue, type QueueFinding } from "@/lib/ops/queue";
import { ZQueueFilter, type TQueueFilter } from "@/lib/ops/schemas";
import { timeAgo } from "@/lib/time/relative";
import { cn } from "@/lib/utils";

export const metadata = { title: "Needs a human today" };

const AREAS = [
  { value: "sync", label: "GHL sync" },
  { value: "appointments", label: "Appointments" },
  { value: "inventory", label: "Supplies" },
  { value: "clinic", label: "Clinic trends" },
];
const VIEWS: Array<{ value: TQueueFilter["view"]; label: string }> = [
  { value: "open", label: "Open" },
  { value: "mine", label: "Assigned to me" },
  { value: "snoozed", label: "Snoozed" },
  { value: "history", label: "History" },
];

function query(filter: TQueueFilter, change: Partial<TQueueFilter>): string {
  const next = { ...filter, ...change };
  const params = new URLSearchParams();
  if (next.view !== "open") params.set("view", next.view);
  if (next.clinic) params.set("clinic", next.clinic);
  if (next.kind) params.set("kind", next.kind);
  if (next.q) params.set("q", next.q);
  if (next.group) params.set("group", next.group);
  if (next.page > 1) params.set("page", String(next.page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

function FindingCard({ finding, slug, assignees, canRetrySync, history }: { finding: QueueFinding; slug: string; assignees: Array<{ userId: string; name: string; clinicIds: string[] | null }>; canRetrySync: boolean; history: boolean }) {
  const headingId = `finding-${finding.id}`;
  return (
    <li>
      <Card>
        <CardContent className="flex flex-col gap-3 p-4 sm:p-5">
          <article aria-labelledby={headingId} className="flex flex-col gap-3">
            <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
              <SeverityBadge severity={finding.severity} />
              <span className="font-medium text-foreground">{finding.clinicName}</span>
              <span aria-hidden="true">·</span>
              <span>opened {timeAgo(finding.openedAt)}</span>
              {finding.assignee && (
                <>
                  <span aria-hidden="true">·</span>
                  <span>assigned to {finding.assignee.name}</span>
                </>
              )}
              {finding.status === "snoozed" && finding.snoozedUntil && finding.snoozedUntil > new Date() && (
                <>
                  <span aria-hidden="true">·</span>
                  <span>snoozed until {finding.snoozedUntil.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })}</span>
                </>
              )}
            </div>
            <h3 id={headingId} className="text-base font-semibold leading-snug">{finding.title}</h3>
            <p className="text-sm">{finding.reason}</p>
            {finding.records.length > 0 && (
              <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Records">
                {finding.records.map((r) => (
                  <li key={r.href}>
                    <Link className="underline underline-offset-2" href={r.href}>{r.label}</Link>
                  </li>
                ))}
              </ul>
            )}
            {history ? (
              <p className="text-sm text-muted-foreground">
                {finding.autoResolved ? "Resolved by itself: the problem went away" : `Resolved by ${finding.resolvedBy ?? "someone"}`}
                {finding.resolvedAt ? ` ${timeAgo(finding.resolvedAt)}` : ""}
                {finding.resolutionNote ? `: “${finding.resolutionNote}”` : "."}
              </p>
            ) : (
              <FindingActions
                slug={slug}
                canRetrySync={canRetrySync}
                assignees={assignees.filter((a) => a.clinicIds === null || a.clinicIds.includes(finding.locationId))}
                finding={{ id: finding.id, locationId: finding.locationId, title: finding.title, action: finding.action, assigneeUserId: finding.assignee?.id ?? null, resolved: false }}
              />
            )}
          </article>
        </CardContent>
      </Card>
    </li>
  );
}

export default async function QueuePage({ params, searchParams }: PageProps<"/agency/[slug]/admin">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "agency.view");
  const filter = ZQueueFilter.parse(await searchParams);
  const base = `/agency/${ctx.organization.slug}/admin`;
  const now = new Date();
  const [clinics, queue, assignees, measures] = await Promise.all([
    visibleClinics(ctx),
    listQueue(ctx, filter, now),
    assignableMembers(ctx),
    weeklyMeasures(ctx.db, now),
  ]);
  const history = filter.view === "history";
  const canRetrySync = allows(ctx, "integrations.sync");
  const groups: Array<{ clinic: string | null; findings: QueueFinding[] }> = [];
  for (const f of queue.findings) {
    const key = filter.group === "clinic" ? f.clinicName : null;
    const last = groups.at(-1);
    if (last && last.clinic === key) last.findings.push(f);
    else groups.push({ clinic: key, findings: [f] });
  }
  const summary = ["critical", "high", "medium", "low"].filter((s) => queue.counts[s]).map((s) => `${queue.counts[s]} ${s}`).join(", ");

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Needs a human today"
        description={history ? "Every resolved finding, newest first." : queue.total ? `${queue.total.toLocaleString("en-US")} across ${clinics.length} clinics: ${summary}. Most urgent first.` : `Nothing needs a person across ${clinics.length} clinics right now.`}
        actions={
          <div className="flex flex-wrap items-start gap-2">
            {allows(ctx, "ops.run") && <CheckNowButton slug={ctx.organization.slug} />}
            <Button asChild variant="ghost"><Link href={`${base}/dashboard`}>Dashboard</Link></Button>
          </div>
        }
      />
      <nav aria-label="Queue views" className="flex flex-wrap gap-1 border-b">
        {VIEWS.map((v) => (
          <Link
            key={v.value}
            href={`${base}${query({ ...filter, page: 1 }, { view: v.value })}`}
            aria-current={filter.view === v.value ? "page" : undefined}
            className={cn("-mb-px border-b-2 px-3 py-2 text-sm font-medium text-muted-foreground hover:text-foreground", filter.view === v.value ? "border-primary text-foreground" : "border-transparent")}
          >
            {v.label}
          </Link>
        ))}
      </nav>
      <form action={base} className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:flex lg:flex-wrap lg:items-end">
        {filter.view !== "open" && <input type="hidden" name="view" value={filter.view} />}
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="queue-clinic">Clinic</Label>
          <NativeSelect id="queue-clinic" name="clinic" defaultValue={filter.clinic ?? ""} className="lg:min-w-48">
            <option value="">All clinics</option>
            {clinics.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="queue-kind">Kind</Label>
          <NativeSelect id="queue-kind" name="kind" defaultValue={filter.kind ?? ""} className="lg:min-w-40">
            <option value="">Every kind</option>
            {AREAS.map((a) => <option key={a.value} value={a.value}>{a.label}</option>)}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="queue-q">Search</Label>
          <Input id="queue-q" name="q" type="search" defaultValue={filter.q ?? ""} placeholder={history ? "Words of the finding or note" : "Words of the finding"} className="lg:w-56" />
        </div>
        <label className="flex items-center gap-2 text-sm lg:pb-2">
          <input type="checkbox" name="group" value="clinic" defaultChecked={filter.group === "clinic"} className="size-4" />
          Group by clinic
        </label>
        <Button type="submit" variant="outline">Apply</Button>
      </form>
      <section aria-labelledby="findings-heading" className="flex flex-col gap-4">
        <h2 id="findings-heading" className="sr-only">Findings</h2>
        {queue.findings.length === 0 ? (
          <Card>
            <CardContent className="py-12 text-center text-muted-foreground">
              {history ? "No resolved findings match." : filter.clinic || filter.kind || filter.q ? "Nothing matches these filters." : clinics.length === 0 ? "No clinics yet. Connect GoHighLevel in Settings → Integrations." : "All clear: no clinic needs a person right now."}
            </CardContent>
          </Card>
        ) : (
          groups.map((group, i) => (
            <div key={`${group.clinic ?? "all"}-${i}`} className="flex flex-col gap-3">
              {group.clinic && <h3 className="text-lg font-semibold">{group.clinic}</h3>}
              <ol className="flex flex-col gap-3" aria-label={group.clinic ? `Findings at ${group.clinic}` : "Findings, most urgent first"}>
                {group.findings.map((f) => (
                  <FindingCard key={f.id} finding={f} slug={ctx.organization.slug} assignees={assignees} canRetrySync={canRetrySync} history={history} />
                ))}
              </ol>
            </div>
          ))
        )}
        {queue.pages > 1 && <Pagination label="Queue pages" page={filter.page} pages={queue.pages} total={queue.total} noun="findings" href={(page) => `${base}${query(filter, { page })}`} />}
      </section>
      <MeasuresTable measures={measures} />
    </div>
  );
}
