"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useHydrated } from "@/components/shared/use-hydrated";
import type { DailyPoint } from "@/lib/inventory/usage-history";
import { formatQuantity } from "@/lib/inventory/units";

/** On hand (line) and units used per day (bars). Decorative for screen readers: the table beside it says the same. */
export function ItemHistoryChart({ points, unit }: { points: DailyPoint[]; unit: string }) {
  const hydrated = useHydrated();
  if (!hydrated) return <div className="h-64" />;
  return (
    <div className="h-64 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={(day: string) => day.slice(5)} fontSize={12} minTickGap={24} />
          <YAxis fontSize={12} allowDecimals={false} />
          <Tooltip formatter={(value, name) => [formatQuantity(Number(value), unit), name === "onHand" ? "On hand" : "Used"]} />
          <Bar dataKey="used" name="used" fill="var(--color-warning, #d97706)" opacity={0.6} />
          <Line dataKey="onHand" name="onHand" type="stepAfter" stroke="var(--color-primary, #0f766e)" strokeWidth={2} dot={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
