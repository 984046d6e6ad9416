import { getSessionFromHeaders } from "@/lib/auth/session";
import { completeGhlConnect, PENDING_INSTALL_COOKIE, PENDING_INSTALL_TTL_MS } from "@/lib/ghl/connect";
import { UserError } from "@/lib/errors";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

function redirectTo(path: string, cookie?: string): Response {
  const headers = new Headers({ location: new URL(path, env.APP_URL).toString() });
  if (cookie) {
    const secure = new URL(env.APP_URL).protocol === "https:" ? "; Secure" : "";
    headers.append("set-cookie", `${PENDING_INSTALL_COOKIE}=${cookie}; Path=/integrations/ghl; HttpOnly; SameSite=Lax; Max-Age=${PENDING_INSTALL_TTL_MS / 1000}${secure}`);
  }
  return new Response(null, { status: 303, headers });
}

/**
 * GHL sends the person back here after they approve Sidecar: with the state of Sidecar's own
 * link, or, for an install started from GHL's Marketplace, with `?code=` alone. The latter
 * either renews the connection of an agency they manage or continues on the finish page.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const session = await getSessionFromHeaders(request.headers);
  if (!session) return redirectTo(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  try {
    const result = await completeGhlConnect(session, { code: url.searchParams.get("code"), state: url.searchParams.get("state") });
    if (result.kind === "finish") return redirectTo("/integrations/ghl/finish", result.cookie);
    return redirectTo(`/agency/${result.slug}/admin/settings/integrations?connected=1`);
  } catch (err) {
    if (!(err instanceof UserError)) log.error({ err }, "GHL connect failed");
    const code = err instanceof UserError ? err.code : "internal";
    return redirectTo(`/integrations/ghl/failed?reason=${encodeURIComponent(code)}`);
  }
}
