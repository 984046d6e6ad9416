import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { GhlSandbox } from "../sandboxes/ghl";
import { prisma, resetDatabase } from "../support/db";
import { actAs, signInAs } from "../support/auth";
import { connectAgency, resetGhlTransport, seedClinic, startSuiteSandbox } from "../support/ghl";
import { seedAgency, type SeededAgency } from "../support/tenants";
import { startGhlConnectAction } from "@/actions/integrations/start-ghl-connect";
import { addClinicsAction } from "@/actions/integrations/add-clinics";
import { finishGhlConnectAction } from "@/actions/integrations/finish-ghl-connect";
import { GET as callback } from "@/app/api/integrations/ghl/callback/route";
import { openSecret } from "@/lib/crypto";
import { forOrg } from "@/lib/db";
import { listGhlLocations } from "@/lib/ghl/connect";
import { syncLocation } from "@/lib/ghl/sync/sync-location";
import { agencyTokens, sealContext } from "@/lib/ghl/tokens";

vi.mock("@/lib/auth/request", () => ({ requestHeaders: vi.fn() }));

/**
 * Installs as real GHL does them: the authorize link names the app version; an install
 * started from GHL's Marketplace comes back with a code and no state; only sub-accounts with
 * the app installed can be clinics; a token refresh survives a failing transaction.
 */

let ghl: GhlSandbox;
let A: SeededAgency;
let B: SeededAgency;
let ownerA: Headers;
let ownerB: Headers;

beforeAll(async () => {
  ghl = await startSuiteSandbox();
});
afterAll(() => ghl.stop());

beforeEach(async () => {
  await resetDatabase();
  resetGhlTransport();
  ghl.requests.clear();
  ghl.setAuthorizeChoice({});
  A = await seedAgency("a");
  B = await seedAgency("b");
  ownerA = await signInAs(A.owner.user.email);
  ownerB = await signInAs(B.owner.user.email);
  actAs(ownerA);
});

const CALLBACK = "http://localhost:3000/api/integrations/ghl/callback";
const callbackRequest = (back: URL, headers: Headers) => new Request(`${CALLBACK}${back.search}`, { headers });

/** GHL's Marketplace "Add App" for a company: the browser lands on the callback with ?code= only. */
function marketplaceInstall(companyId: string): URL {
  return new URL(ghl.marketplaceInstall({ redirectUri: CALLBACK, companyId }));
}

function withInstallCookie(session: Headers, response: Response): Headers {
  const setCookie = response.headers.get("set-cookie") ?? "";
  expect(setCookie).toMatch(/^sidecar_ghl_install=[^;]+; Path=\/integrations\/ghl; HttpOnly; SameSite=Lax; Max-Age=600/);
  const headers = new Headers(session);
  headers.set("cookie", `${session.get("cookie")}; ${setCookie.split(";")[0]}`);
  return headers;
}

const refreshTokenOf = async (organizationId: string) =>
  openSecret((await prisma.ghlConnection.findUniqueOrThrow({ where: { organizationId } })).refreshTokenSealed, sealContext(organizationId, "refresh"));

describe("the authorize link", () => {
  it("carries version_id, without which GHL refuses it", async () => {
    ghl.setAuthorizeChoice({ userType: "Company", companyId: ghl.companyId });
    const started = (await startGhlConnectAction(A.organization.slug, {})) as { ok: true; data: { url: string } };
    const url = new URL(started.data.url);
    expect(url.searchParams.get("version_id")).toBe(ghl.versionId);
    expect((await fetch(url, { redirect: "manual" })).status).toBe(302);
    url.searchParams.delete("version_id");
    const refused = await fetch(url, { redirect: "manual" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ message: "error.noversionid" });
  });
});

describe("an install started from GHL's Marketplace (no state)", () => {
  it("lets the signed-in owner finish connecting a company no agency holds yet", async () => {
    ghl.seedCompany({ id: "co-new" });
    const response = await callback(callbackRequest(marketplaceInstall("co-new"), ownerA));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(/\/integrations\/ghl\/finish$/);
    expect(await prisma.ghlConnection.count()).toBe(0);

    actAs(withInstallCookie(ownerA, response));
    expect(await finishGhlConnectAction(A.organization.slug, {})).toEqual({ ok: true, data: { slug: A.organization.slug, companyId: "co-new" } });
    const connection = await prisma.ghlConnection.findUniqueOrThrow({ where: { organizationId: A.organization.id } });
    expect(connection).toMatchObject({ companyId: "co-new", uninstalledAt: null });
    // Only the refresh token was kept: the first call refreshes, and GHL takes it.
    expect(await agencyTokens(A.organization.id).token()).toMatch(/^sbx_at_/);
    expect(await prisma.auditLog.count({ where: { organizationId: A.organization.id, action: "ghl.connect" } })).toBe(1);
  });

  it("never attaches the company to an agency the person does not own", async () => {
    ghl.seedCompany({ id: "co-a" });
    await connectAgency(ghl, A.organization.id, "co-a");
    const before = await prisma.ghlConnection.findUniqueOrThrow({ where: { organizationId: A.organization.id } });

    // B's owner installs A's GHL agency from the Marketplace: refused, A's connection untouched.
    const stolen = await callback(callbackRequest(marketplaceInstall("co-a"), ownerB));
    expect(stolen.headers.get("location")).toContain("/integrations/ghl/failed?reason=company_taken");
    expect(stolen.headers.get("set-cookie")).toBeNull();
    expect(await prisma.ghlConnection.findUniqueOrThrow({ where: { organizationId: A.organization.id } })).toEqual(before);
    expect(await prisma.ghlConnection.count({ where: { organizationId: B.organization.id } })).toBe(0);

    // A pending install finished into an agency the person is not a member of: not found.
    ghl.seedCompany({ id: "co-b" });
    const pending = await callback(callbackRequest(marketplaceInstall("co-b"), ownerB));
    actAs(withInstallCookie(ownerB, pending));
    expect(await finishGhlConnectAction(A.organization.slug, {})).toMatchObject({ ok: false, code: "not_found" });
    // Someone else's sealed install in A's owner's browser: not theirs to finish.
    actAs(withInstallCookie(ownerA, pending));
    expect(await finishGhlConnectAction(A.organization.slug, {})).toMatchObject({ ok: false, code: "invalid_state" });
    // An admin (not an owner) cannot finish one either.
    const admin = await signInAs(A.admin.user.email);
    actAs(withInstallCookie(admin, await callback(callbackRequest(marketplaceInstall("co-b"), admin))));
    expect(await finishGhlConnectAction(A.organization.slug, {})).toMatchObject({ ok: false, code: "forbidden" });
    expect(await prisma.ghlConnection.findUniqueOrThrow({ where: { organizationId: A.organization.id } })).toEqual(before);
  });

  it("renews the connection of the agency holding the company when its owner reinstalls", async () => {
    ghl.seedCompany({ id: "co-a" });
    await connectAgency(ghl, A.organization.id, "co-a");
    await prisma.ghlConnection.update({ where: { organizationId: A.organization.id }, data: { uninstalledAt: new Date() } });
    const before = await refreshTokenOf(A.organization.id);
    const response = await callback(callbackRequest(marketplaceInstall("co-a"), ownerA));
    expect(response.headers.get("location")).toContain(`/agency/${A.organization.slug}/admin/settings/integrations?connected=1`);
    expect(await refreshTokenOf(A.organization.id)).not.toBe(before);
    expect((await prisma.ghlConnection.findUniqueOrThrow({ where: { organizationId: A.organization.id } })).uninstalledAt).toBeNull();
  });

  it("refuses Sidecar's own link too when the company already belongs to another agency", async () => {
    ghl.seedCompany({ id: "co-a" });
    await connectAgency(ghl, A.organization.id, "co-a");
    actAs(ownerB);
    ghl.setAuthorizeChoice({ userType: "Company", companyId: "co-a" });
    const started = (await startGhlConnectAction(B.organization.slug, {})) as { ok: true; data: { url: string } };
    const back = new URL((await fetch(started.data.url, { redirect: "manual" })).headers.get("location")!);
    expect((await callback(callbackRequest(back, ownerB))).headers.get("location")).toContain("reason=company_taken");
    expect(await prisma.ghlConnection.count({ where: { organizationId: B.organization.id } })).toBe(0);
  });
});

describe("which sub-accounts can be clinics", () => {
  it("offers only sub-accounts where the app is installed", async () => {
    ghl.seedCompany({ id: "co-i" });
    await connectAgency(ghl, A.organization.id, "co-i");
    ghl.seedLocation({ id: "inst", companyId: "co-i", name: "Installed" });
    ghl.seedLocation({ id: "not-inst", companyId: "co-i", name: "Not installed", installed: false });
    const ctx = { db: forOrg(A.organization.id), organization: { id: A.organization.id } };
    expect((await listGhlLocations(ctx as Parameters<typeof listGhlLocations>[0])).map((l) => l.id)).toEqual(["inst"]);
    expect(ghl.requests.count("GET /oauth/installedLocations")).toBe(1);
    expect(await addClinicsAction(A.organization.slug, { ghlLocationIds: ["not-inst"] })).toMatchObject({ ok: false, code: "not_found" });
    expect(await addClinicsAction(A.organization.slug, { ghlLocationIds: ["inst"] })).toEqual({ ok: true, data: { added: 1 } });
  });

  it("says 'app not installed in this sub-account' with the fix, and does not spend the agency's refresh token on each try", async () => {
    ghl.seedCompany({ id: "co-n" });
    await connectAgency(ghl, A.organization.id, "co-n");
    const { clinic } = await seedClinic(ghl, A.organization.id, { companyId: "co-n", contacts: 2 });
    ghl.store.markInstalled(clinic.ghlLocationId, false);
    const refreshToken = await refreshTokenOf(A.organization.id);
    for (let i = 0; i < 2; i++) {
      const outcome = await syncLocation(clinic, { budgetMs: 10_000 });
      expect(outcome).toMatchObject({ status: "failed", error: expect.stringContaining("not installed in this sub-account") });
    }
    const sync = await prisma.locationSync.findUniqueOrThrow({ where: { locationId: clinic.locationId } });
    expect(sync.lastError).toContain("App Marketplace");
    expect(ghl.requests.count("POST /oauth/token")).toBe(0);
    expect(await refreshTokenOf(A.organization.id)).toBe(refreshToken);

    // With an expired agency token the same 401 is the token's: one refresh, then it works.
    ghl.store.markInstalled(clinic.ghlLocationId, true);
    ghl.expireAllAccessTokens();
    expect(await syncLocation(clinic, { budgetMs: 10_000 })).toMatchObject({ status: "completed", contactsUpserted: 2 });
    expect(ghl.requests.countByStatus("POST /oauth/token")).toEqual({ 200: 1 });
  });
});

describe("refreshing the agency token", () => {
  it("keeps the rotated pair when the caller's transaction fails", async () => {
    await connectAgency(ghl, A.organization.id);
    const db = forOrg(A.organization.id);
    const stale = await agencyTokens(A.organization.id).token();
    const oldRefresh = await refreshTokenOf(A.organization.id);
    ghl.expireAllAccessTokens();
    let rotated = "";
    await expect(
      db.transaction(async (tx) => {
        await tx.location.update({ where: { id: A.clinics[0].id }, data: { name: "Renamed inside the failing transaction" } });
        rotated = await agencyTokens(A.organization.id).refresh(stale);
        throw new Error("the work after the refresh failed");
      }),
    ).rejects.toThrow("the work after the refresh failed");
    expect((await prisma.location.findUniqueOrThrow({ where: { id: A.clinics[0].id } })).name).not.toBe("Renamed inside the failing transaction");
    const connection = await prisma.ghlConnection.findUniqueOrThrow({ where: { organizationId: A.organization.id } });
    expect(openSecret(connection.accessTokenSealed, sealContext(A.organization.id, "access"))).toBe(rotated);
    expect(connection).toMatchObject({ refreshLeaseOwner: null, refreshLeaseExpiresAt: null });
    const newRefresh = await refreshTokenOf(A.organization.id);
    expect(newRefresh).not.toBe(oldRefresh);
    // GHL spent the old refresh token; the stored one is the live one.
    ghl.expireAllAccessTokens();
    expect(await agencyTokens(A.organization.id).refresh(rotated)).toMatch(/^sbx_at_/);
  });

  it("holds no database transaction or row lock while GHL answers the refresh", async () => {
    await connectAgency(ghl, A.organization.id);
    const stale = await agencyTokens(A.organization.id).token();
    ghl.expireAllAccessTokens();
    ghl.faults.addLatency(1_500, { method: "POST", path: "/oauth/token" });
    try {
      const refreshing = agencyTokens(A.organization.id).refresh(stale);
      await new Promise((resolve) => setTimeout(resolve, 500));
      // While GHL is still answering, the row is free: a refresh that held a transaction open
      // here would roll back (and lose the rotated pair) if it timed out.
      const locked = await prisma.$transaction(async (tx) =>
        tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "GhlConnection" WHERE "organizationId" = ${A.organization.id} FOR UPDATE NOWAIT`,
      );
      expect(locked).toHaveLength(1);
      expect(ghl.requests.count("POST /oauth/token")).toBe(1);
      await refreshing;
    } finally {
      ghl.faults.clear();
    }
  });

  it("refreshes once when many callers find the token refused at the same time", async () => {
    await connectAgency(ghl, A.organization.id);
    const stale = await agencyTokens(A.organization.id).token();
    ghl.expireAllAccessTokens();
    const tokens = await Promise.all(Array.from({ length: 6 }, () => agencyTokens(A.organization.id).refresh(stale)));
    expect(new Set(tokens).size).toBe(1);
    expect(ghl.requests.countByStatus("POST /oauth/token")).toEqual({ 200: 1 });
  });
});
