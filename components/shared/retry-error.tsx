"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { RotateCw } from "lucide-react";
import { Button } from "@/components/ui/button";

/**
 * The body of an error.tsx: what failed, a reference to quote, and a retry that re-fetches the
 * server data (reset alone would re-render the same failed payload).
 */
export function RetryError({ title, error, reset }: { title: string; error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div role="alert" className="mx-auto flex max-w-md flex-col items-center gap-3 rounded-lg border bg-card p-8 text-center">
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="text-sm text-muted-foreground">
        Something went wrong on our side. Your data is safe; please try again.
        {error.digest && <span className="mt-1 block text-xs">Reference {error.digest}</span>}
      </p>
      <Button
        variant="outline"
        disabled={pending}
        onClick={() =>
          startTransition(() => {
            router.refresh();
            reset();
          })
        }
      >
        <RotateCw aria-hidden="true" /> {pending ? "Retrying…" : "Try again"}
      </Button>
    </div>
  );
}
