/**
 * Text for Prisma's `contains`, `startsWith` and `endsWith`, which hand it to LIKE as a pattern
 * without escaping: a search for "100%" or "a_b" would match far more than typed. Postgres'
 * default LIKE escape is the backslash, so `\`, `%` and `_` are prefixed with one.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
