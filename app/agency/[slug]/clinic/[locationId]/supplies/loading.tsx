import { Skeleton } from "@/components/ui/skeleton";

export default function SuppliesLoading() {
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-3 px-4 py-6" aria-busy="true" aria-label="Loading supplies">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-10 w-full" />
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} className="h-16 w-full" />
      ))}
    </div>
  );
}
