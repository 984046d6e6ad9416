"use client";

import { useCallback, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action";

/**
 * Runs a server action from a client component and keeps its typed result for the form:
 * `fieldError("email")` beside inputs, `formError` above the submit button. On success the
 * page's server data is refreshed.
 */
export function useAction<I, T>(action: (input: I) => Promise<ActionResult<T>>, options: { onSuccess?: (data: T) => void } = {}) {
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const { onSuccess } = options;

  const run = useCallback(
    (input: I) =>
      new Promise<ActionResult<T>>((resolve) => {
        startTransition(async () => {
          let outcome: ActionResult<T>;
          try {
            outcome = await action(input);
          } catch {
            outcome = { ok: false, code: "network", error: "Could not reach Sidecar. Check your connection and try again." };
          }
          setResult(outcome);
          if (outcome.ok) {
            onSuccess?.(outcome.data);
            router.refresh();
          }
          resolve(outcome);
        });
      }),
    [action, onSuccess, router],
  );

  const fieldError = (name: string): string | undefined =>
    result && !result.ok ? result.fieldErrors?.[name]?.[0] : undefined;
  const formError = result && !result.ok ? result.error : undefined;

  return { run, pending, result, fieldError, formError, reset: () => setResult(null) };
}
