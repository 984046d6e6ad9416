"use client";

import { ListError } from "@/components/shared/list-error";

export default function ContactsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ListError what="Contacts" error={error} reset={reset} />;
}
