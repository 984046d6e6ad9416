"use client";

import { RetryError } from "@/components/shared/retry-error";

export default function ClinicError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RetryError title="This page could not be loaded" error={error} reset={reset} />;
}
