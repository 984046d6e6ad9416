"use client";

import { ListError } from "@/components/shared/list-error";

export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ListError what="This page" error={error} reset={reset} />;
}
