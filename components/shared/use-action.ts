"use client";

import { useCallback, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/entry/action";

/**
 * Runs a server action from a client component and keeps its typed result for the form:
 * `fieldError("email")` beside inputs, `formError` above the submit button. On success the
 * page's server data is refreshed.
 */
export const FIELDS_MARKED = "Please correct the fields marked below.";
/** What a person sees when a call to Sidecar did not go through at all. */
export const UNREACHABLE = "Could not reach Sidecar. Check your connection and try again.";
/** An action's typed result, for the hooks built on this one. */
export type { ActionResult };

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
            outcome = { ok: false, code: "network", error: UNREACHABLE };
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
  /**
   * The message above the submit button of a form that shows `fields` beside their inputs:
   * when one of them has an error the top only says where to look, instead of repeating it.
   */
  const formErrorBeside = (fields: readonly string[]): string | undefined =>
    result && !result.ok && fields.some((name) => result.fieldErrors?.[name]?.length) ? FIELDS_MARKED : formError;

  return { run, pending, result, fieldError, formError, formErrorBeside, reset: () => setResult(null) };
}
