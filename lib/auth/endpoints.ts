/**
 * The Better Auth endpoints Sidecar serves at /api/auth/*: only the ones the sign-in pages call.
 * Everything else answers 404. Closed on purpose:
 * - the organization plugin's endpoints: team changes go through Sidecar's audited,
 *   rate-limited actions;
 * - /get-session and the other session endpoints: the UI reads the session on the server, and
 *   a served session read would let a client keep an idle session alive by polling it. Only
 *   Sidecar's idle policy (lib/auth/session.ts) records activity.
 */
export const SERVED_AUTH_PATHS: ReadonlySet<string> = new Set([
  "/email-otp/send-verification-otp",
  "/sign-in/email-otp",
  "/sign-in/social",
  "/callback/github",
  "/sign-out",
  "/error",
  "/ok",
]);

/** Whether /api/auth/<path> is served. */
export function isServedAuthPath(pathname: string): boolean {
  return SERVED_AUTH_PATHS.has(pathname.replace(/^\/api\/auth/, "").replace(/\/$/, ""));
}
