"use client";

import { RetryError } from "@/components/shared/retry-error";

export default function NoShowInsightsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RetryError title="We couldn't load the no-show model" error={error} reset={reset} />;
}
