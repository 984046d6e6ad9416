import { CalendarX2 } from "lucide-react";
import { cn } from "@/lib/utils";

/** An appointment that overlaps one from the other calendar (GHL or Cal.com) on the same chairs. */
export function DoubleBookedBadge({ compact = false }: { compact?: boolean }) {
  return (
    <span className={cn("inline-flex items-center gap-1 rounded-full border border-destructive/40 bg-destructive/10 px-1.5 py-0.5 text-xs font-medium text-destructive")}>
      <CalendarX2 aria-hidden="true" className="size-3" />
      <span className={cn(compact && "sr-only")}>Double booked</span>
      {compact && <span aria-hidden="true">!</span>}
    </span>
  );
}
