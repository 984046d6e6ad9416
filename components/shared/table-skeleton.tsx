import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

/** The shape of a list page while it loads, announced once to screen readers. */
export function TableSkeleton({ label, rows = 8 }: { label: string; rows?: number }) {
  return (
    <div className="flex flex-col gap-6" aria-busy="true">
      <span className="sr-only" role="status">
        Loading {label}…
      </span>
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-10 w-full" />
      <Card>
        <CardContent className="flex flex-col gap-3 pt-5">
          {Array.from({ length: rows }, (_, i) => (
            <Skeleton key={i} className="h-9 w-full" />
          ))}
        </CardContent>
      </Card>
    </div>
  );
}
