import { env } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { ghlRedirectUri, ghlTransport, GHL_SCOPES } from "@/lib/ghl/config";
import { GHL_VERSION } from "@/lib/ghl/http";
import { ZInstalledLocationsResponse, ZTokenResponse, type GhlInstalledLocation, type GhlTokenResponse } from "@/lib/ghl/schemas";

function clientCredentials() {
  if (!env.GHL_CLIENT_ID || !env.GHL_CLIENT_SECRET) throw new Error("GoHighLevel is not configured (GHL_CLIENT_ID, GHL_CLIENT_SECRET)");
  return { client_id: env.GHL_CLIENT_ID, client_secret: env.GHL_CLIENT_SECRET };
}

/** The marketplace app's id: configured, or the part of the client id before its "-" (GHL's format). */
export function ghlAppId(): string {
  return env.GHL_APP_ID ?? clientCredentials().client_id.split("-")[0]!;
}

/**
 * The marketplace page where an agency owner approves Sidecar. GHL needs the app's version
 * (version_id) besides client_id, or it answers error.noversionid.
 */
export function authorizeUrl(state: string): string {
  if (!env.GHL_APP_VERSION_ID) throw new UserError("ghl_not_configured", "GoHighLevel's app version (GHL_APP_VERSION_ID) is not configured on this server.");
  const url = new URL(env.GHL_AUTHORIZE_URL);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", clientCredentials().client_id);
  url.searchParams.set("version_id", env.GHL_APP_VERSION_ID);
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

/** Sub-accounts of the company where the app is installed (GET /oauth/installedLocations). */
export async function listInstalledLocations(agencyToken: string, companyId: string, options: { locationId?: string } = {}) {
  const all: GhlInstalledLocation[] = [];
  for (let skip = 0; ; skip += 100) {
    const page = await ghlTransport()(
      {
        method: "GET",
        path: "/oauth/installedLocations",
        version: GHL_VERSION.contacts,
        token: agencyToken,
        resource: companyId,
        query: { companyId, appId: ghlAppId(), isInstalled: "true", skip, limit: 100, locationId: options.locationId },
      },
      ZInstalledLocationsResponse,
    );
    all.push(...page.locations.filter((l) => l.isInstalled !== false));
    if (page.locations.length < 100 || skip >= 10_000) return all;
  }
}
