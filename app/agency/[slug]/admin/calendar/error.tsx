"use client";

import { RetryError } from "@/components/shared/retry-error";

export default function CalendarError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RetryError title="We couldn't load the calendar" error={error} reset={reset} />;
}
