/**
 * The origins a browser may send sign-in requests from. In development the same server
 * answers at localhost and at 127.0.0.1 (`npm run dev` itself uses the address), so each is
 * trusted as the other's twin; in production only APP_URL's origin is.
 */
const LOOPBACK_TWINS: Record<string, string> = { localhost: "127.0.0.1", "127.0.0.1": "localhost" };

export function trustedOriginsFor(appUrl: string, nodeEnv: string | undefined): string[] {
  const url = new URL(appUrl);
  const twin = LOOPBACK_TWINS[url.hostname];
  if (nodeEnv === "production" || !twin) return [url.origin];
  return [url.origin, `${url.protocol}//${twin}${url.port ? `:${url.port}` : ""}`];
}
