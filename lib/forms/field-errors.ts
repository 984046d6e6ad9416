import type { z } from "zod";

/**
 * A zod error as messages per field ("a.b" for nested paths, "_form" for the whole input): the
 * same shape whether the browser checks a form before sending it or an action refuses it.
 * Safe in client components.
 */
export function zodFieldErrors(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}
