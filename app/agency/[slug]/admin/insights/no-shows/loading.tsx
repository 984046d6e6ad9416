import { Skeleton } from "@/components/ui/skeleton";

export default function NoShowInsightsLoading() {
  return (
    <div className="flex max-w-4xl flex-col gap-6" aria-busy="true">
      <p className="sr-only" role="status">
        Loading the no-show model…
      </p>
      <Skeleton className="h-8 w-56" />
      <Skeleton className="h-32 w-full" />
      <Skeleton className="h-72 w-full" />
    </div>
  );
}
