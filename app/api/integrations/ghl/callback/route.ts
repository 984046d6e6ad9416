import { sessionRoute } from "@/lib/entry/session-route";
import { completeGhlConnect, PENDING_INSTALL_COOKIE, PENDING_INSTALL_TTL_MS } from "@/lib/ghl/connect";
import { env } from "@/lib/env";

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
export const GET = sessionRoute({
  name: "ghl.connect",
  signedOut: (request) => {
    const url = new URL(request.url);
    return redirectTo(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  },
  run: async (request, ctx) => {
    const url = new URL(request.url);
    const result = await completeGhlConnect(ctx, { code: url.searchParams.get("code"), state: url.searchParams.get("state") });
    if (result.kind === "finish") {
      return { response: redirectTo("/integrations/ghl/finish", result.cookie), audit: { targetType: "ghl", metadata: { companyId: result.companyId, via: "marketplace", pending: true } } };
    }
    return {
      response: redirectTo(`/agency/${result.slug}/admin/settings/integrations?connected=1`),
      audit: { organizationId: result.organizationId, targetType: "ghl", metadata: { companyId: result.companyId, via: result.via } },
    };
  },
  failed: (code) => redirectTo(`/integrations/ghl/failed?reason=${encodeURIComponent(code)}`),
});
