import { env } from "@/lib/env";

/** Longer than any path Sidecar links to; a longer value is refused rather than trimmed. */
const MAX_LENGTH = 2_048;
// C0 controls, DEL and C1 controls: browsers strip tabs and newlines from URLs, so "/\t/evil"
// would be followed as "//evil". Backslashes are read as slashes by browsers.
const REFUSED = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * The path to follow after sign-in, or null. Only a path on Sidecar's own origin (APP_URL) is
 * followed, so a crafted link cannot bounce someone elsewhere: the value must start with one
 * "/", hold no control characters or backslashes, and resolve against APP_URL to the same
 * origin. What comes back is only path + search + hash, re-serialised by the URL parser.
 */
export function safeNextPath(next: string | null | undefined, appUrl: string = env.APP_URL): string | null {
  if (typeof next !== "string" || next.length === 0 || next.length > MAX_LENGTH) return null;
  if (!next.startsWith("/") || next.startsWith("//") || REFUSED.test(next)) return null;
  let base: URL;
  let target: URL;
  try {
    base = new URL(appUrl);
    target = new URL(next, base);
  } catch {
    return null;
  }
  if (target.origin !== base.origin || target.username || target.password) return null;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // The parser may have turned the input into something that starts with "//" (a host).
  if (!path.startsWith("/") || path.startsWith("//")) return null;
  if (target.pathname === "/login" || target.pathname.startsWith("/login/")) return null;
  return path;
}
