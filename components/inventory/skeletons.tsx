import { Skeleton } from "@/components/ui/skeleton";

// Shown inside the page's own Suspense boundary, after authorization: a route-level loading.tsx
// would start streaming before the page could answer 404 to someone who may not see it.

export function InventorySkeleton() {
  return (
    <div className="flex flex-col gap-6" aria-busy="true" aria-label="Loading inventory">
      <div className="grid gap-4 md:grid-cols-2">
        <Skeleton className="h-48" />
        <Skeleton className="h-48" />
      </div>
      <Skeleton className="h-10 w-full" />
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} className="h-12 w-full" />
      ))}
    </div>
  );
}

export function SuppliesSkeleton() {
  return (
    <div className="flex flex-col gap-2" aria-busy="true" aria-label="Loading supplies">
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} className="h-16 w-full" />
      ))}
    </div>
  );
}
