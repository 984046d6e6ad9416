import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGhlSandbox, type GhlSandbox, type TokenResponse } from "@/tests/sandboxes/ghl";
import { call, type GhlErrorJson } from "@/tests/sandboxes/ghl/test-client";

const CALLBACK = "http://127.0.0.1:3000/api/integrations/ghl/callback";

describe("GHL sandbox: OAuth", () => {
  let sandbox: GhlSandbox;
  let contactA: string;
  let contactB: string;

  beforeAll(async () => {
    sandbox = await startGhlSandbox({ redirectUris: [CALLBACK] });
    contactA = sandbox.seedLocation({ id: "loc-a", contacts: 3 }).contactIds[0] as string;
    contactB = sandbox.seedLocation({ id: "loc-b", contacts: 3 }).contactIds[0] as string;
  });
  afterAll(() => sandbox.stop());

  const token = (form: Record<string, string>) =>
    call<TokenResponse & GhlErrorJson>(sandbox.url, "/oauth/token", {
      version: null,
      form: { client_id: sandbox.clientId, client_secret: sandbox.clientSecret, ...form },
    });

  async function authorize(state: string, scopes = ["contacts.readonly", "locations.readonly"]): Promise<URL> {
    const response = await fetch(sandbox.authorizeUrl({ redirectUri: CALLBACK, scopes, state }), { redirect: "manual" });
    expect(response.status).toBe(302);
    return new URL(response.headers.get("location") ?? "");
  }

  it("approves the authorize page with a redirect carrying code and state; the code works once", async () => {
    sandbox.setAuthorizeChoice({ locationId: "loc-a" });
    const redirect = await authorize("xyz-123");
    expect(`${redirect.origin}${redirect.pathname}`).toBe(CALLBACK);
    expect(redirect.searchParams.get("state")).toBe("xyz-123");
    const code = redirect.searchParams.get("code") ?? "";
    expect(code).toMatch(/^[0-9a-f]{40}$/);

    const exchanged = await token({ grant_type: "authorization_code", code, user_type: "Location", redirect_uri: CALLBACK });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toEqual({
      access_token: expect.any(String),
      token_type: "Bearer",
      expires_in: 86_399,
      refresh_token: expect.any(String),
      scope: "contacts.readonly locations.readonly",
      userType: "Location",
      locationId: "loc-a",
      companyId: sandbox.companyId,
      approvedLocations: ["loc-a"],
      userId: "sandbox-user",
      planId: "sandbox-plan",
      isBulkInstallation: false,
      installToFutureLocations: false,
      approveAllLocations: false,
    });
    const read = await call(sandbox.url, `/contacts/${contactA}`, { token: exchanged.body.access_token });
    expect(read.status).toBe(200);

    const again = await token({ grant_type: "authorization_code", code, user_type: "Location" });
    // GHL's own answer to a spent code, not its usual error shape.
    expect(again.status).toBe(401);
    expect(again.body).toEqual({ error: "UnAuthorized!", error_description: "Authorization code not found", traceId: expect.any(String) });
  });

  it("refuses an unknown client_id or an unregistered redirect_uri on the authorize page", async () => {
    const unknownClient = new URL(sandbox.authorizeUrl({ redirectUri: CALLBACK }));
    unknownClient.searchParams.set("client_id", "someone-else");
    const refused = await fetch(unknownClient, { redirect: "manual" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ statusCode: 400, message: "Invalid client_id" });

    const elsewhere = await fetch(sandbox.authorizeUrl({ redirectUri: "https://evil.example/cb" }), { redirect: "manual" });
    expect(elsewhere.status).toBe(400);
  });

  it("answers 401 to a wrong client secret and 422 to a missing field", async () => {
    const code = sandbox.issueAuthorizationCode({ locationId: "loc-a" });
    const wrongSecret = await token({ grant_type: "authorization_code", code, client_secret: "nope" });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body).toMatchObject({ statusCode: 401, error: "Unauthorized" });

    const missing = await call<GhlErrorJson>(sandbox.url, "/oauth/token", { version: null, form: { client_id: sandbox.clientId, grant_type: "refresh_token" } });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toBe("Unprocessable Entity");
    expect(missing.body.message).toEqual([expect.stringContaining("client_secret")]);
  });

  it("takes only form-urlencoded bodies on the token endpoint", async () => {
    const asJson = await call<GhlErrorJson>(sandbox.url, "/oauth/token", {
      version: null,
      json: { client_id: sandbox.clientId, client_secret: sandbox.clientSecret, grant_type: "refresh_token", refresh_token: "x" },
    });
    expect(asJson.status).toBe(400);
    expect(asJson.body.message).toContain("x-www-form-urlencoded");
  });

  it("rotates refresh tokens: each works once, the old one is refused after use", async () => {
    const first = sandbox.issueTokens({ locationId: "loc-a" });
    const second = await token({ grant_type: "refresh_token", refresh_token: first.refresh_token });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.body.access_token).not.toBe(first.access_token);
    expect(second.body).toMatchObject({ userType: "Location", locationId: "loc-a", expires_in: 86_399 });
    expect((await call(sandbox.url, `/contacts/${contactA}`, { token: second.body.access_token })).status).toBe(200);

    const reused = await token({ grant_type: "refresh_token", refresh_token: first.refresh_token });
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ statusCode: 400, message: "Invalid grant: refresh token is invalid", traceId: expect.any(String) });

    const third = await token({ grant_type: "refresh_token", refresh_token: second.body.refresh_token });
    expect(third.status).toBe(200);
    expect((await token({ grant_type: "refresh_token", refresh_token: second.body.refresh_token })).status).toBe(400);
  });

  it("gives an agency install a Company token that mints location tokens without a refresh token", async () => {
    sandbox.setAuthorizeChoice({ userType: "Company" });
    const code = (await authorize("agency", ["oauth.write", "oauth.readonly", "contacts.readonly"])).searchParams.get("code") ?? "";
    const agency = await token({ grant_type: "authorization_code", code, user_type: "Company" });
    expect(agency.status).toBe(200);
    expect(agency.body).toMatchObject({ userType: "Company", companyId: sandbox.companyId, isBulkInstallation: true });
    expect(agency.body).not.toHaveProperty("locationId");
    expect(agency.body.approvedLocations).toEqual(expect.arrayContaining(["loc-a", "loc-b"]));

    const minted = await call<Record<string, unknown>>(sandbox.url, "/oauth/locationToken", {
      token: agency.body.access_token,
      form: { companyId: sandbox.companyId, locationId: "loc-b" },
    });
    expect(minted.status).toBe(201);
    expect(Object.keys(minted.body).sort()).toEqual(["access_token", "appId", "expires_in", "locationId", "planId", "scope", "token_type", "userId", "versionId"]);
    expect(minted.body).toMatchObject({ token_type: "Bearer", locationId: "loc-b", appId: sandbox.appId });
    const locationToken = minted.body.access_token as string;
    expect((await call(sandbox.url, `/contacts/${contactB}`, { token: locationToken })).status).toBe(200);
    expect((await call(sandbox.url, `/contacts/${contactA}`, { token: locationToken })).status).toBe(403);

    const fromLocationToken = await call<GhlErrorJson>(sandbox.url, "/oauth/locationToken", { token: locationToken, form: { companyId: sandbox.companyId, locationId: "loc-b" } });
    expect(fromLocationToken.status).toBe(401);

    const otherCompany = await call(sandbox.url, "/oauth/locationToken", { token: agency.body.access_token, form: { companyId: "other-company", locationId: "loc-b" } });
    expect(otherCompany.status).toBe(403);
    sandbox.setAuthorizeChoice({});
  });

  it("lists installed locations for the agency", async () => {
    sandbox.seedLocation({ id: "loc-not-installed", installed: false });
    const agency = sandbox.issueTokens({ userType: "Company" });
    const listed = await call<{ locations: Array<{ _id: string; isInstalled: boolean; installedAt?: string }>; count: number; installToFutureLocations: boolean }>(
      sandbox.url,
      "/oauth/installedLocations",
      { token: agency.access_token, query: { companyId: sandbox.companyId, appId: sandbox.appId } },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.count).toBe(3);
    expect(listed.body.locations.find((location) => location._id === "loc-a")).toMatchObject({ isInstalled: true, installedAt: expect.any(String) });
    expect(listed.body.locations.find((location) => location._id === "loc-not-installed")).toMatchObject({ isInstalled: false });

    const onlyInstalled = await call<{ count: number }>(sandbox.url, "/oauth/installedLocations", {
      token: agency.access_token,
      query: { companyId: sandbox.companyId, appId: sandbox.appId, isInstalled: "true" },
    });
    expect(onlyInstalled.body.count).toBe(2);

    const refusedMint = await call<GhlErrorJson>(sandbox.url, "/oauth/locationToken", { token: agency.access_token, form: { companyId: sandbox.companyId, locationId: "loc-not-installed" } });
    expect(refusedMint.status).toBe(401);
  });
});

describe("GHL sandbox: tokens and the Version header", () => {
  let sandbox: GhlSandbox;
  let now = Date.parse("2026-03-02T15:00:00Z");
  let contactId: string;

  beforeAll(async () => {
    sandbox = await startGhlSandbox({ tokenLifetimeSec: 60, clock: () => now });
    contactId = sandbox.seedLocation({ id: "loc-v", contacts: 1 }).contactIds[0] as string;
    sandbox.seedLocation({ id: "loc-w", contacts: 1 });
  });
  afterAll(() => sandbox.stop());

  it("answers 401 without a Version header, takes any version GHL knows, and 400 for a bogus one", async () => {
    const { access_token } = sandbox.issueTokens({ locationId: "loc-v" });
    const missing = await call<GhlErrorJson>(sandbox.url, `/contacts/${contactId}`, { token: access_token, version: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ statusCode: 401, message: "version header was not found.", error: "Unauthorized", traceId: expect.any(String) });

    // The official SDK sends 2023-02-21 on every call, and real GHL takes it.
    for (const version of ["2021-07-28", "2021-04-15", "2023-02-21"]) {
      expect((await call(sandbox.url, `/contacts/${contactId}`, { token: access_token, version })).status).toBe(200);
    }
    const bogus = await call<GhlErrorJson>(sandbox.url, `/contacts/${contactId}`, { token: access_token, version: "2099-13-01" });
    expect(bogus.status).toBe(400);
    expect(bogus.body.message).toContain("2099-13-01");
  });

  it("in strict mode refuses another module's version", async () => {
    const strict = await startGhlSandbox({ strictVersion: true });
    try {
      const id = strict.seedLocation({ id: "loc-l", contacts: 1 }).contactIds[0] as string;
      const { access_token } = strict.issueTokens({ locationId: "loc-l" });
      const other = await call<GhlErrorJson>(strict.url, `/contacts/${id}`, { token: access_token, version: "2021-04-15" });
      expect(other.status).toBe(400);
      expect(other.body.message).toContain("2021-07-28");
      expect((await call(strict.url, `/contacts/${id}`, { token: access_token, version: "2021-07-28" })).status).toBe(200);
    } finally {
      await strict.stop();
    }
  });

  it("answers 401 with GHL's body to a missing, unknown or expired token", async () => {
    const expected = { statusCode: 401, message: "Invalid token: access token is invalid", error: "Unauthorized", traceId: expect.any(String) };
    const none = await call(sandbox.url, `/contacts/${contactId}`);
    expect(none.status).toBe(401);
    expect(none.body).toEqual(expected);
    const unknown = await call(sandbox.url, `/contacts/${contactId}`, { token: "not-a-token" });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(expected);

    const { access_token, refresh_token } = sandbox.issueTokens({ locationId: "loc-v" });
    expect((await call(sandbox.url, `/contacts/${contactId}`, { token: access_token })).status).toBe(200);
    now += 61_000;
    const expired = await call(sandbox.url, `/contacts/${contactId}`, { token: access_token });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(expected);

    const refreshed = await call<TokenResponse>(sandbox.url, "/oauth/token", {
      version: null,
      form: { client_id: sandbox.clientId, client_secret: sandbox.clientSecret, grant_type: "refresh_token", refresh_token },
    });
    expect(refreshed.body.expires_in).toBe(60);
    expect((await call(sandbox.url, `/contacts/${contactId}`, { token: refreshed.body.access_token })).status).toBe(200);
  });

  it("keeps tokens to their own tenant and token class", async () => {
    const other = sandbox.issueTokens({ locationId: "loc-w" });
    const foreign = await call<GhlErrorJson>(sandbox.url, `/contacts/${contactId}`, { token: other.access_token });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ statusCode: 403, message: "The token does not have access to this location." });
    const foreignSearch = await call(sandbox.url, "/contacts/search", { token: other.access_token, json: { locationId: "loc-v", pageLimit: 10 } });
    expect(foreignSearch.status).toBe(403);

    const agency = sandbox.issueTokens({ userType: "Company" });
    expect((await call(sandbox.url, `/contacts/${contactId}`, { token: agency.access_token })).status).toBe(401);
    expect((await call(sandbox.url, "/locations/loc-v", { token: agency.access_token })).status).toBe(200);
    const search = await call<{ locations: Array<{ id: string }> }>(sandbox.url, "/locations/search", { token: agency.access_token, query: { companyId: sandbox.companyId } });
    expect(search.body.locations.map((location) => location.id)).toEqual(["loc-v", "loc-w"]);
    expect((await call(sandbox.url, "/locations/search", { token: other.access_token, query: { companyId: sandbox.companyId } })).status).toBe(401);
  });

  it("refuses a token without the route's scope", async () => {
    const readOnly = sandbox.issueTokens({ locationId: "loc-v", scopes: ["contacts.readonly"] });
    expect((await call(sandbox.url, `/contacts/${contactId}`, { token: readOnly.access_token })).status).toBe(200);
    const write = await call<GhlErrorJson>(sandbox.url, `/contacts/${contactId}`, { method: "PUT", token: readOnly.access_token, json: { firstName: "X" } });
    expect(write.status).toBe(401);
    expect(write.body.message).toContain("contacts.write");
  });

  it("answers GET /locations/:id and /users/search", async () => {
    sandbox.store.addUser({ id: "user-v", companyId: sandbox.companyId, firstName: "Vera", lastName: "Lind", email: "vera@example.com", locationIds: ["loc-v"] });
    const { access_token } = sandbox.issueTokens({ locationId: "loc-v" });
    const location = await call<{ location: Record<string, unknown> }>(sandbox.url, "/locations/loc-v", { token: access_token });
    expect(location.body.location).toMatchObject({ id: "loc-v", companyId: sandbox.companyId, timezone: "America/Chicago" });
    const users = await call<{ users: Array<{ id: string; roles: { locationIds: string[] } }>; count: number }>(sandbox.url, "/users/search", {
      token: access_token,
      query: { companyId: sandbox.companyId, locationId: "loc-v" },
    });
    expect(users.status).toBe(200);
    expect(users.body.users.map((user) => user.id)).toContain("user-v");
    expect(users.body.count).toBe(users.body.users.length);
    const missingCompany = await call<GhlErrorJson>(sandbox.url, "/users/search", { token: access_token });
    expect(missingCompany.status).toBe(422);
  });
});
