import { TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import type { RiskBand, RiskReason } from "@/lib/noshow/risk";

const LABEL: Record<RiskBand, string> = { high: "High no-show risk", medium: "Medium no-show risk", low: "Low no-show risk" };
const SHORT: Record<RiskBand, string> = { high: "High risk", medium: "Med risk", low: "Low risk" };

/** The appointment's no-show band and probability; compact cells keep the words for screen readers. */
export function RiskBadge({ band, score, compact = false, className }: { band: RiskBand; score: number; compact?: boolean; className?: string }) {
  const percent = `${Math.round(score * 100)}%`;
  return (
    <Badge variant={band === "high" ? "destructive" : band === "medium" ? "warning" : "outline"} className={cn("gap-1", className)}>
      {band !== "low" && <TriangleAlert aria-hidden="true" className="size-3" />}
      {compact ? (
        <>
          <span className="sr-only">{LABEL[band]}, {percent}</span>
          <span aria-hidden="true">{SHORT[band]}</span>
        </>
      ) : (
        <span>
          {LABEL[band]} · {percent}
        </span>
      )}
    </Badge>
  );
}

/** The reasons in words, each saying whether it raises or lowers the risk. */
export function RiskReasons({ reasons, className }: { reasons: RiskReason[]; className?: string }) {
  if (reasons.length === 0) return <p className={cn("text-sm text-muted-foreground", className)}>No single reason stands out: about the clinic&apos;s usual rate.</p>;
  return (
    <ul className={cn("flex flex-col gap-1 text-sm", className)}>
      {reasons.map((r) => (
        <li key={r.text} className="flex items-baseline gap-2">
          <span aria-hidden="true" className={cn("font-semibold", r.weight > 0 ? "text-destructive" : "text-success")}>
            {r.weight > 0 ? "↑" : "↓"}
          </span>
          <span>
            {r.text}
            <span className="sr-only">{r.weight > 0 ? " (raises the risk)" : " (lowers the risk)"}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
