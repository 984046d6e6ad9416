import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { WeekMeasure } from "@/lib/ops/measures";

function duration(minutes: number | null): string {
  if (minutes === null) return "—";
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} days`;
}

const beforeNext = (m: WeekMeasure) => (m.resolved ? `${m.beforeNextAppointment} (${Math.round((m.beforeNextAppointment / m.resolved) * 100)}%)` : "—");

/** The queue's own figures: what it caught, how fast it was handled, and how much before a patient met it. */
export function MeasuresTable({ measures }: { measures: WeekMeasure[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle><h2 id="measures-heading">Caught before the call</h2></CardTitle>
        <CardDescription>Per week (Monday, UTC): findings opened and resolved, the median time to resolve, and how many were resolved before the clinic&apos;s next appointment started.</CardDescription>
      </CardHeader>
      <CardContent>
        {/* A phone gets one card per week; the five columns need more width than it has. */}
        <ul aria-labelledby="measures-heading" className="flex flex-col divide-y sm:hidden">
          {measures.map((m) => (
            <li key={m.week} className="py-2 text-sm">
              <p className="font-medium">Week of {m.week}</p>
              <dl className="grid grid-cols-2 gap-x-3 gap-y-0.5 text-muted-foreground">
                <dt>Opened</dt><dd className="text-right tabular-nums text-foreground">{m.opened}</dd>
                <dt>Resolved</dt><dd className="text-right tabular-nums text-foreground">{m.resolved}</dd>
                <dt>Median to resolve</dt><dd className="text-right tabular-nums text-foreground">{duration(m.medianMinutesToResolve)}</dd>
                <dt>Before next appointment</dt><dd className="text-right tabular-nums text-foreground">{beforeNext(m)}</dd>
              </dl>
            </li>
          ))}
        </ul>
        <div className="hidden sm:block">
        <Table aria-labelledby="measures-heading">
          <TableHeader>
            <TableRow>
              <TableHead scope="col">Week of</TableHead>
              <TableHead scope="col" className="text-right">Opened</TableHead>
              <TableHead scope="col" className="text-right">Resolved</TableHead>
              <TableHead scope="col" className="text-right">Median to resolve</TableHead>
              <TableHead scope="col" className="text-right">Before next appointment</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {measures.map((m) => (
              <TableRow key={m.week}>
                <TableCell>{m.week}</TableCell>
                <TableCell className="text-right tabular-nums">{m.opened}</TableCell>
                <TableCell className="text-right tabular-nums">{m.resolved}</TableCell>
                <TableCell className="text-right tabular-nums">{duration(m.medianMinutesToResolve)}</TableCell>
                <TableCell className="text-right tabular-nums">{beforeNext(m)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        </div>
      </CardContent>
    </Card>
  );
}
