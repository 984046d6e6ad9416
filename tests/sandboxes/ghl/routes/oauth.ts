import { z } from "zod";
import { authorizeCompany, authorizeLocation } from "../access";
import type { IssuedPair } from "../auth";
import { publicRoute, tokenRoute, type RequestContext, type Route, type SandboxContext } from "../context";
import { GhlHttpError, badRequest, json, parseOr422, redirect, unauthorized, unprocessable } from "../http";
import { API_VERSION, type TokenKind } from "../types";
import { installEvent } from "../webhook-events";

/** The JSON of POST /oauth/token (`GetAccessCodeSuccessfulResponseDto`, reference §1.2). */
export function tokenResponse(sandbox: SandboxContext, pair: IssuedPair) {
  const { access } = pair;
  const company = sandbox.store.getCompany(access.companyId);
  const isCompany = access.userType === "Company";
  // What GHL puts in approvedLocations for a Location token is unconfirmed; the sandbox lists
  // the one location, and for a Company token every location the app is installed on.
  const approvedLocations = isCompany
    ? sandbox.store.locationsOf(access.companyId).filter((location) => location.installedAt !== undefined).map((location) => location.id)
    : [access.locationId];
  return {
    access_token: access.token,
    token_type: "Bearer",
    expires_in: Math.round((access.expiresAt - sandbox.now()) / 1000),
    refresh_token: pair.refreshToken,
    scope: access.scopes.join(" "),
    userType: access.userType,
    ...(isCompany ? {} : { locationId: access.locationId }),
    companyId: access.companyId,
    approvedLocations,
    userId: access.userId,
    planId: company?.planId,
    isBulkInstallation: isCompany,
    installToFutureLocations: false,
    approveAllLocations: isCompany,
  };
}

function oauthError(status: 400 | 401, message: string) {
  return status === 401 ? unauthorized(message) : badRequest(message);
}

/**
 * The marketplace's choose-location page, approved without a browser. Which sub-account it
 * "picks" comes from the sandbox's authorizeChoice, or the sandbox-only query parameter
 * `sandboxLocationId` (GHL has no such parameter), or else the company's first location.
 */
function chooseLocation(ctx: RequestContext) {
  const { sandbox, query } = ctx;
  const { settings, store } = sandbox;
  if (query.get("response_type") !== "code") throw badRequest("response_type must be code");
  if (query.get("client_id") !== settings.clientId) throw badRequest("Invalid client_id");
  const redirectUri = query.get("redirect_uri");
  if (!redirectUri || !URL.canParse(redirectUri)) throw badRequest("redirect_uri must be an absolute URL");
  if (settings.redirectUris && !settings.redirectUris.includes(redirectUri)) throw badRequest("redirect_uri is not registered for this app");
  const scope = query.get("scope");
  if (!scope) throw badRequest("scope is required");
  // GHL's authorize page refuses a link without the app's version (its error reads error.noversionid).
  const versionId = query.get("version_id");
  if (!versionId) throw badRequest("error.noversionid");
  if (versionId !== settings.versionId) throw badRequest("error.invalidversionid");

  const sandboxLocationId = query.get("sandboxLocationId") ?? undefined;
  const choice = sandboxLocationId ? { locationId: sandboxLocationId, userType: "Location" as TokenKind } : sandbox.authorizeChoice;
  const chosenLocation = choice.locationId ? store.getLocation(choice.locationId) : undefined;
  if (choice.locationId && !chosenLocation) throw badRequest(`Location ${choice.locationId} does not exist in the sandbox`);
  const companyId = chosenLocation?.companyId ?? choice.companyId ?? settings.companyId;
  const companyLocations = store.locationsOf(companyId);
  const userType: TokenKind = choice.userType ?? (chosenLocation || companyLocations.length ? "Location" : "Company");
  const location = userType === "Location" ? (chosenLocation ?? companyLocations[0]) : undefined;
  if (userType === "Location" && !location) throw badRequest("No sub-account to install on: seed a location first");

  return redirect(approveInstall(sandbox, { companyId, locationId: location?.id, scopes: scope.split(/\s+/).filter(Boolean), redirectUri, state: query.get("state") }));
}

/**
 * What approving an install does: marks the app installed (one sub-account, or every one of an
 * agency install), issues a code, sends INSTALL, and returns the redirect back to the app.
 * `state` is echoed only when the app's own link carried one: an install started from GHL's
 * Marketplace ("Add App") comes back with `?code=` alone.
 */
export function approveInstall(
  sandbox: SandboxContext,
  input: { companyId: string; locationId?: string; scopes: string[]; redirectUri: string; state?: string | null },
): string {
  const { settings, store } = sandbox;
  if (input.locationId) store.markInstalled(input.locationId);
  else for (const each of store.locationsOf(input.companyId)) store.markInstalled(each.id);
  const code = sandbox.oauth.issueCode({ companyId: input.companyId, locationId: input.locationId, userId: settings.userId, scopes: input.scopes, redirectUri: input.redirectUri });
  const company = store.getCompany(input.companyId);
  sandbox.emitWebhook(
    installEvent(
      { appId: settings.appId, versionId: settings.versionId, companyId: input.companyId, companyName: company?.name ?? input.companyId, locationId: input.locationId, userId: settings.userId, planId: company?.planId ?? "" },
      {},
      sandbox.now(),
    ),
  );
  const target = new URL(input.redirectUri);
  target.searchParams.set("code", code);
  if (input.state !== null && input.state !== undefined) target.searchParams.set("state", input.state);
  return target.toString();
}

const ZTokenRequest = z.object({
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  grant_type: z.enum(["authorization_code", "refresh_token", "client_credentials"]),
  code: z.string().min(1).optional(),
  refresh_token: z.string().min(1).optional(),
  user_type: z.enum(["Company", "Location"]).optional(),
  redirect_uri: z.string().optional(),
});

const ZLocationTokenRequest = z.object({ companyId: z.string().min(1), locationId: z.string().min(1) });

export const oauthRoutes: Route[] = [
  publicRoute({ method: "GET", path: "/v2/oauth/chooselocation", access: "public", handle: chooseLocation }),
  // The official SDK still builds the pre-2026 path without /v2 [G23].
  publicRoute({ method: "GET", path: "/oauth/chooselocation", access: "public", handle: chooseLocation }),
  publicRoute({
    method: "POST",
    path: "/oauth/token",
    access: "public",
    handle(ctx) {
      const { sandbox } = ctx;
      const body = parseOr422(ZTokenRequest, Object.fromEntries(ctx.formBody()));
      if (body.client_id !== sandbox.settings.clientId || body.client_secret !== sandbox.settings.clientSecret) {
        throw oauthError(401, "Invalid client credentials");
      }
      // Invalid, used or expired codes and refresh tokens answer 400 (OAuth's invalid_grant,
      // RFC 6749 §5.2). GHL documents 400 and 401 for this endpoint without saying which
      // failure gets which; clients should treat both as "reconnect needed".
      if (body.grant_type === "authorization_code") {
        if (!body.code) throw unprocessable(["code should not be empty"]);
        const code = sandbox.oauth.consumeCode(body.code);
        // GHL's own answer to an unknown, used or expired code (not its usual error shape).
        if (!code) throw new GhlHttpError(401, { error: "UnAuthorized!", error_description: "Authorization code not found" });
        if (body.redirect_uri && code.redirectUri && body.redirect_uri !== code.redirectUri) {
          throw oauthError(400, "redirect_uri does not match the authorization request");
        }
        const userType = body.user_type ?? (code.locationId ? "Location" : "Company");
        if (userType === "Location" && !code.locationId) {
          throw oauthError(400, "This authorization code belongs to an agency install; request user_type Company");
        }
        const pair = sandbox.oauth.issuePair({
          userType,
          companyId: code.companyId,
          locationId: userType === "Location" ? code.locationId : undefined,
          userId: code.userId,
          scopes: code.scopes,
        });
        return json(200, tokenResponse(sandbox, pair));
      }
      if (body.grant_type === "refresh_token") {
        if (!body.refresh_token) throw unprocessable(["refresh_token should not be empty"]);
        const pair = sandbox.oauth.rotate(body.refresh_token);
        if (!pair) throw oauthError(400, "Invalid grant: refresh token is invalid");
        return json(200, tokenResponse(sandbox, pair));
      }
      throw oauthError(400, "grant_type client_credentials is not supported by the sandbox");
    },
  }),
  tokenRoute({
    method: "POST",
    path: "/oauth/locationToken",
    access: { version: API_VERSION.contacts, tokens: ["Company"], scope: "oauth.write" },
    handle(ctx) {
      const { sandbox, token } = ctx;
      const body = parseOr422(ZLocationTokenRequest, Object.fromEntries(ctx.formBody()));
      authorizeCompany(ctx, body.companyId);
      const location = authorizeLocation(ctx, body.locationId);
      // The status and text for a sub-account without the app are unconfirmed; a 401 is the
      // harder case for a client, which must not take it for an expired agency token.
      if (location.installedAt === undefined) throw unauthorized("This app is not installed for this location");
      const access = sandbox.oauth.issueAccessToken(
        { userType: "Location", companyId: token.companyId, locationId: location.id, userId: token.userId, scopes: token.scopes },
      );
      // Documented fields only: no refresh_token. Re-mint from the agency token on expiry (§1.2).
      // 201, as real GHL answers (the spec's 200 is wrong).
      return json(201, {
        access_token: access.token,
        token_type: "Bearer",
        expires_in: Math.round((access.expiresAt - sandbox.now()) / 1000),
        scope: access.scopes.join(" "),
        locationId: location.id,
        planId: sandbox.store.getCompany(token.companyId)?.planId,
        userId: access.userId,
        appId: sandbox.settings.appId,
        versionId: sandbox.settings.versionId,
      });
    },
  }),
  tokenRoute({
    method: "GET",
    path: "/oauth/installedLocations",
    access: { version: API_VERSION.contacts, tokens: ["Company"], scope: "oauth.readonly" },
    handle(ctx) {
      const { sandbox, query } = ctx;
      const params = parseOr422(
        z.object({
          companyId: z.string().min(1),
          appId: z.string().min(1),
          skip: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(500).default(20),
          query: z.string().optional(),
          isInstalled: z.enum(["true", "false"]).optional(),
          locationId: z.string().optional(),
        }),
        Object.fromEntries(query),
      );
      authorizeCompany(ctx, params.companyId);
      if (params.appId !== sandbox.settings.appId) throw badRequest("Unknown appId");
      const matching = sandbox.store
        .locationsOf(params.companyId)
        .filter((location) => params.isInstalled === undefined || (location.installedAt !== undefined) === (params.isInstalled === "true"))
        .filter((location) => !params.locationId || location.id === params.locationId)
        .filter((location) => !params.query || location.name.toLowerCase().includes(params.query.toLowerCase()));
      return json(200, {
        locations: matching.slice(params.skip, params.skip + params.limit).map((location) => ({
          _id: location.id,
          name: location.name,
          address: location.address,
          isInstalled: location.installedAt !== undefined,
          ...(location.installedAt !== undefined
            ? { versionId: sandbox.settings.versionId, installedAt: new Date(location.installedAt).toISOString() }
            : {}),
        })),
        count: matching.length,
        installToFutureLocations: false,
      });
    },
  }),
];
