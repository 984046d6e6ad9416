"use client";

import { RetryError } from "@/components/shared/retry-error";

export default function CalendarError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RetryError title="The calendar could not be loaded" error={error} reset={reset} />;
}
