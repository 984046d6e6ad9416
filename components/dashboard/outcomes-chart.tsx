"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface DayOutcomes {
  day: string;
  showed: number;
  noshow: number;
  cancelled: number;
  other: number;
}

const SERIES = [
  { key: "showed", label: "Showed", color: "var(--color-success)" },
  { key: "noshow", label: "No-show", color: "var(--color-warning)" },
  { key: "cancelled", label: "Cancelled", color: "var(--color-destructive)" },
  { key: "other", label: "Not marked", color: "var(--color-muted-foreground)" },
] as const;

/** Daily appointment outcomes as stacked bars; the same numbers follow as a table for screen readers. */
export function OutcomesChart({ days, caption }: { days: DayOutcomes[]; caption: string }) {
  return (
    <figure className="flex flex-col gap-2">
      <div className="h-64 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tickFormatter={(day: string) => day.slice(5)} fontSize={12} minTickGap={12} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip />
            <Legend />
            {SERIES.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="outcome" fill={s.color} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-sm text-muted-foreground">{caption}</figcaption>
      {/* A table never shrinks to sr-only's 1px, so it hides inside a box that does. */}
      <div className="sr-only">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {SERIES.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                {SERIES.map((s) => (
                  <td key={s.key}>{d[s.key]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
