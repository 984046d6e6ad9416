import { z } from "zod";

/**
 * Text from a search parameter, as a page's filter reads it: trimmed, at most `max` characters,
 * and without the control characters a crafted link can carry (Postgres refuses a NUL byte in
 * text, which would turn a bad link into a server error). Invalid (an array, say) reads as absent.
 */
export function searchText(max: number, { lowercase = false }: { lowercase?: boolean } = {}) {
  return z
    .string()
    .transform((value) => {
      const clean = value.replace(/[\u0000-\u001f\u007f]/g, "").trim();
      return lowercase ? clean.toLowerCase() : clean;
    })
    .pipe(z.string().max(max))
    .optional()
    .catch(undefined);
}

/** The same for a value read without zod: the first of repeated values, cleaned, capped. */
export function searchParamText(value: string | string[] | undefined, max: number): string {
  return ((Array.isArray(value) ? value[0] : value) ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, max);
}
