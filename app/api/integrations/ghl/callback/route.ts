import { getSessionFromHeaders } from "@/lib/auth/session";
import { completeGhlConnect } from "@/lib/ghl/connect";
import { UserError } from "@/lib/errors";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

/** GHL sends the agency owner back here after they approve Sidecar on the marketplace page. */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const session = await getSessionFromHeaders(request.headers);
  if (!session) {
    return Response.redirect(new URL(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, env.APP_URL), 303);
  }
  try {
    const { slug } = await completeGhlConnect(session, { code: url.searchParams.get("code"), state: url.searchParams.get("state") });
    return Response.redirect(new URL(`/agency/${slug}/admin/settings/integrations?connected=1`, env.APP_URL), 303);
  } catch (err) {
    if (!(err instanceof UserError)) log.error({ err }, "GHL connect failed");
    const code = err instanceof UserError ? err.code : "internal";
    return Response.redirect(new URL(`/integrations/ghl/failed?reason=${encodeURIComponent(code)}`, env.APP_URL), 303);
  }
}
