import "server-only";
import Link from "next/link";
import { PageHeader } from "@/components/shared/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RiskBadge } from "@/components/noshow/risk-badge";
import { clinicTime } from "@/components/calendar/appointment-link";
import { requireMemberPage } from "@/lib/entry/page-guards";
import { loadNoShowInsights } from "@/lib/noshow/insights";
import { MIN_NO_SHOWS, MIN_OUTCOMES } from "@/lib/noshow/train";
import { formatInZone } from "@/lib/time/zoned";
import type { Metrics } from "@/lib/noshow/evaluate";

export const metadata = { title: "No-show model" };

const f3 = (v: number | null | undefined) => (v === null || v === undefined ? "—" : v.toFixed(3));
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const day = (d: Date | string) => new Date(d).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

function CalibrationTable({ caption, metrics }: { caption: string; metrics: Metrics }) {
  return (
    // Its own scroll box, reachable by keyboard, for a phone narrower than the table.
    <div className="relative w-full overflow-x-auto rounded-md focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full caption-bottom text-sm">
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead scope="col">Decile</TableHead>
            <TableHead scope="col" className="text-right">Visits</TableHead>
            <TableHead scope="col" className="text-right">Predicted</TableHead>
            <TableHead scope="col" className="text-right">Observed</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {metrics.calibration.map((b) => (
            <TableRow key={b.decile}>
              <TableCell>{b.decile}</TableCell>
              <TableCell className="text-right tabular-nums">{b.n.toLocaleString("en-US")}</TableCell>
              <TableCell className="text-right tabular-nums">{pct(b.predicted)}</TableCell>
              <TableCell className="text-right tabular-nums">{pct(b.observed)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </table>
    </div>
  );
}

export default async function NoShowInsightsPage({ params }: PageProps<"/agency/[slug]/admin/insights/no-shows">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "agency.view");
  const data = await loadNoShowInsights(ctx.db, new Date());
  const base = `/agency/${ctx.organization.slug}/admin`;
  const ev = data.active?.evaluation ?? null;

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <PageHeader
        title="No-show model"
        description="Every upcoming appointment gets a probability of a no-show, learned from your own clinics' attendance, with the reasons in words. Here is how well it predicts."
      />
      {!data.active ? (
        <p className="rounded-lg border bg-card p-10 text-center text-muted-foreground">
          No model yet. Sidecar trains one from your appointments within the hour after your clinics&apos; calendars sync, and retrains it every night.
        </p>
      ) : (
        <>
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>The model scoring now: {data.active.label}</h2>
              </CardTitle>
              <CardDescription>Trained {day(data.active.trainedAt)}. Retrained every night on the latest outcomes.</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-2 text-sm">
              {data.active.kind === "prior" ? (
                <p>
                  <strong>Prior model.</strong> There is too little history to fit your own yet (it needs {MIN_OUTCOMES} past appointments marked showed or no-show, {MIN_NO_SHOWS} of them no-shows). Until then scores come from the pattern published no-show studies agree on: recent no-shows and late cancellations raise the risk, so do a first visit and booking far ahead; a same-day booking and a confirmation lower it. Your own no-show rate sets the level.
                </p>
              ) : (
                <p>
                  <strong>Fitted on your history.</strong> Logistic regression on each patient&apos;s past no-shows and late cancellations, first visit or not, how far ahead and whether the same day it was booked, weekday and hour in the clinic&apos;s time zone, confirmation, calendar and time since the last visit.
                </p>
              )}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>
                <h2>How well it predicts</h2>
              </CardTitle>
              <CardDescription>
                {ev
                  ? `Trained on ${ev.trainRows.toLocaleString("en-US")} older appointments, tested on the ${ev.testRows.toLocaleString("en-US")} most recent (from ${day(ev.splitAt)}), which it never saw; ${pct(ev.testNoShowRate)} of those were no-shows.`
                  : "Not enough past appointments with an outcome to test it on yet."}
              </CardDescription>
            </CardHeader>
            {ev && (
              <CardContent className="flex flex-col gap-6">
                <Table>
                  <TableCaption>AUC: the chance a no-show scores above a visit that happened (0.5 is guessing, 1 is perfect). Brier: mean squared error of the probabilities (lower is better).</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHead scope="col">Model</TableHead>
                      <TableHead scope="col" className="text-right">AUC</TableHead>
                      <TableHead scope="col" className="text-right">Brier</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    <TableRow>
                      <TableHead scope="row">{ev.evaluated === "prior" ? "Prior model" : "Sidecar's model"}</TableHead>
                      <TableCell className="text-right tabular-nums">{f3(ev.model.auc)}</TableCell>
                      <TableCell className="text-right tabular-nums">{f3(ev.model.brier)}</TableCell>
                    </TableRow>
                    <TableRow>
                      <TableHead scope="row">Baseline: the patient&apos;s prior no-show rate only</TableHead>
                      <TableCell className="text-right tabular-nums">{f3(ev.baseline.auc)}</TableCell>
                      <TableCell className="text-right tabular-nums">{f3(ev.baseline.brier)}</TableCell>
                    </TableRow>
                  </TableBody>
                </Table>
                <div className="grid gap-6 md:grid-cols-2">
                  <CalibrationTable caption="Sidecar's model: predicted vs observed no-show rate, test appointments in tenths by prediction." metrics={ev.model} />
                  <CalibrationTable caption="Baseline: predicted vs observed, the same appointments." metrics={ev.baseline} />
                </div>
              </CardContent>
            )}
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>
                <h2>Highest risk, coming up</h2>
              </CardTitle>
            </CardHeader>
            <CardContent>
              {data.risky.length === 0 ? (
                <p className="text-sm text-muted-foreground">No upcoming appointment is high risk.</p>
              ) : (
                <ul className="flex flex-col divide-y" aria-label="Highest-risk upcoming appointments">
                  {data.risky.map((r) => (
                    <li key={r.appointmentId} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:justify-between">
                      <div className="min-w-0">
                        <Link className="font-medium underline-offset-2 hover:underline" href={`${base}/calendar/appointments/${r.appointmentId}`}>
                          {r.patient}
                        </Link>
                        <p className="text-sm text-muted-foreground">
                          {r.clinic} · {formatInZone(r.startTime, r.timezone, { weekday: "short", month: "short", day: "numeric" })} {clinicTime(r.startTime, r.timezone)}
                          {r.reason && ` · ${r.reason}`}
                        </p>
                      </div>
                      <div className="flex shrink-0 flex-wrap items-center gap-2">
                        {r.unconfirmed && <span className="text-sm font-medium">Call to confirm</span>}
                        <RiskBadge band={r.band} score={r.score} compact />
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>

          {data.history.length > 1 && (
            <Card>
              <CardHeader>
                <CardTitle>
                  <h2>Earlier versions</h2>
                </CardTitle>
              </CardHeader>
              <CardContent>
                <Table>
                  <TableCaption>Each night&apos;s model, newest first, with its test AUC next to the baseline&apos;s.</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHead scope="col">Version</TableHead>
                      <TableHead scope="col">Trained</TableHead>
                      <TableHead scope="col" className="text-right">AUC</TableHead>
                      <TableHead scope="col" className="text-right">Baseline</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {data.history.map((m) => (
                      <TableRow key={m.label}>
                        <TableCell>
                          {m.label}
                          {m.active && <span className="text-muted-foreground"> (scoring)</span>}
                        </TableCell>
                        <TableCell>{day(m.trainedAt)}</TableCell>
                        <TableCell className="text-right tabular-nums">{f3(m.auc)}</TableCell>
                        <TableCell className="text-right tabular-nums">{f3(m.baselineAuc)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </CardContent>
            </Card>
          )}
        </>
      )}
    </div>
  );
}
