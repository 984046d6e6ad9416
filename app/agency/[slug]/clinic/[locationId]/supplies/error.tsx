"use client";

import { RetryError } from "@/components/shared/retry-error";

export default function Error({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RetryError title="We couldn't load supplies" error={error} reset={reset} />;
}
