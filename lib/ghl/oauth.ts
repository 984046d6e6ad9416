import { env } from "@/lib/env";
import { ghlRedirectUri, ghlTransport, GHL_SCOPES } from "@/lib/ghl/config";
import { GHL_VERSION } from "@/lib/ghl/http";
import { ZTokenResponse, type GhlTokenResponse } from "@/lib/ghl/schemas";

function clientCredentials() {
  if (!env.GHL_CLIENT_ID || !env.GHL_CLIENT_SECRET) throw new Error("GoHighLevel is not configured (GHL_CLIENT_ID, GHL_CLIENT_SECRET)");
  return { client_id: env.GHL_CLIENT_ID, client_secret: env.GHL_CLIENT_SECRET };
}

/** The marketplace page where an agency owner approves Sidecar. */
export function authorizeUrl(state: string): string {
  const url = new URL(env.GHL_AUTHORIZE_URL);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", clientCredentials().client_id);
  url.searchParams.set("redirect_uri", ghlRedirectUri());
  url.searchParams.set("scope", GHL_SCOPES.join(" "));
  url.searchParams.set("state", state);
  return url.toString();
}

export function exchangeCode(code: string): Promise<GhlTokenResponse> {
  return ghlTransport()(
    {
      method: "POST",
      path: "/oauth/token",
      version: null,
      form: { ...clientCredentials(), grant_type: "authorization_code", code, user_type: "Company", redirect_uri: ghlRedirectUri() },
    },
    ZTokenResponse,
  );
}

/** GHL rotates refresh tokens: the answer carries a new one, and the old one is spent. */
export function refreshTokens(refreshToken: string): Promise<GhlTokenResponse> {
  return ghlTransport()(
    {
      method: "POST",
      path: "/oauth/token",
      version: null,
      form: { ...clientCredentials(), grant_type: "refresh_token", refresh_token: refreshToken, user_type: "Company" },
    },
    ZTokenResponse,
  );
}

/** A location token from the agency token; it comes with no refresh token (reference §1.2). */
export function mintLocationToken(agencyToken: string, companyId: string, locationId: string): Promise<GhlTokenResponse> {
  return ghlTransport()(
    {
      method: "POST",
      path: "/oauth/locationToken",
      version: GHL_VERSION.contacts,
      token: agencyToken,
      resource: companyId,
      form: { companyId, locationId },
      idempotent: true,
    },
    ZTokenResponse,
  );
}
