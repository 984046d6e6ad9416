import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { GhlSandbox } from "../sandboxes/ghl";
import { prisma, resetDatabase } from "../support/db";
import { actAs, signInAs } from "../support/auth";
import { connectAgency, resetGhlTransport, seedClinic, startSuiteSandbox } from "../support/ghl";
import { seedAgency, type SeededAgency } from "../support/tenants";
import { startGhlConnectAction } from "@/actions/integrations/start-ghl-connect";
import { addClinicsAction } from "@/actions/integrations/add-clinics";
import { disconnectGhlAction } from "@/actions/integrations/disconnect-ghl";
import { syncNowAction } from "@/actions/integrations/sync-now";
import { GET as callback } from "@/app/api/integrations/ghl/callback/route";
import { GET as cronSync } from "@/app/api/cron/ghl-sync/route";
import { GET as cronReconcile } from "@/app/api/cron/ghl-reconcile/route";
import { reconcileLocation } from "@/lib/ghl/sync/reconcile";
import { syncLocation } from "@/lib/ghl/sync/sync-location";
import { env } from "@/lib/env";
import { RATE_LIMITS } from "@/lib/ratelimit";

vi.mock("@/lib/auth/request", () => ({ requestHeaders: vi.fn() }));

let ghl: GhlSandbox;
let agency: SeededAgency;
let owner: Headers;

beforeAll(async () => {
  ghl = await startSuiteSandbox();
});
afterAll(() => ghl.stop());

beforeEach(async () => {
  await resetDatabase();
  resetGhlTransport();
  ghl.requests.clear();
  agency = await seedAgency("g");
  owner = await signInAs(agency.owner.user.email);
  actAs(owner);
});

/** Walks the marketplace page the way a browser would, returning GHL's redirect back to Sidecar. */
async function approveOnGhl(authorizeUrl: string): Promise<URL> {
  const response = await fetch(authorizeUrl, { redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!);
}

function callbackRequest(back: URL, headers: Headers) {
  return new Request(`http://localhost:3000/api/integrations/ghl/callback${back.search}`, { headers });
}

describe("connecting GoHighLevel", () => {
  it("stores the agency's tokens sealed after the owner approves, and the link works once", async () => {
    ghl.setAuthorizeChoice({ userType: "Company", companyId: ghl.companyId });
    const started = await startGhlConnectAction(agency.organization.slug, {});
    expect(started.ok).toBe(true);
    const url = new URL((started as { data: { url: string } }).data.url);
    expect(url.origin + url.pathname).toBe(`${env.GHL_AUTHORIZE_URL}`);
    expect(url.searchParams.get("scope")).toContain("contacts.readonly");

    const back = await approveOnGhl(url.toString());
    const response = await callback(callbackRequest(back, owner));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain(`/agency/${agency.organization.slug}/admin/settings/integrations?connected=1`);
    const connection = await prisma.ghlConnection.findUniqueOrThrow({ where: { organizationId: agency.organization.id } });
    expect(connection.companyId).toBe(ghl.companyId);
    expect(connection.accessTokenSealed).toMatch(/^v1\./);
    expect(JSON.stringify(connection)).not.toContain(back.searchParams.get("code")!);

    const reused = await callback(callbackRequest(back, owner));
    expect(reused.headers.get("location")).toContain("/integrations/ghl/failed?reason=invalid_state");
  });

  it("refuses a state started by someone else, and a forged state", async () => {
    ghl.setAuthorizeChoice({ userType: "Company", companyId: ghl.companyId });
    const started = (await startGhlConnectAction(agency.organization.slug, {})) as { data: { url: string } };
    const back = await approveOnGhl(started.data.url);
    const admin = await signInAs(agency.admin.user.email);
    expect((await callback(callbackRequest(back, admin))).headers.get("location")).toContain("reason=invalid_state");
    const forged = new URL(back);
    forged.searchParams.set("state", `${back.searchParams.get("state")!.split(".")[0]}.forged`);
    expect((await callback(callbackRequest(forged, owner))).headers.get("location")).toContain("reason=invalid_state");
    expect(await prisma.ghlConnection.count()).toBe(0);
  });

  it("audits the callback through its entry wrapper: the connection in the agency, a refusal too", async () => {
    ghl.setAuthorizeChoice({ userType: "Company", companyId: ghl.companyId });
    const started = (await startGhlConnectAction(agency.organization.slug, {})) as { data: { url: string } };
    const back = await approveOnGhl(started.data.url);
    await callback(callbackRequest(back, owner));
    const connected = await prisma.auditLog.findMany({ where: { organizationId: agency.organization.id, action: "ghl.connect" } });
    expect(connected).toMatchObject([{ outcome: "success", actorUserId: agency.owner.user.id, metadata: { companyId: ghl.companyId, via: "link" } }]);

    // Clinic staff cannot start a connect; a state made for one (signed as Sidecar would) is still refused by the permission.
    const staff = await signInAs(agency.staff.user.email);
    const nonce = "staff-nonce";
    await prisma.oAuthState.create({ data: { id: nonce, organizationId: agency.organization.id, userId: agency.staff.user.id, provider: "ghl", expiresAt: new Date(Date.now() + 60_000) } });
    const signature = createHmac("sha256", env.BETTER_AUTH_SECRET).update(`ghl-oauth:${nonce}:${agency.organization.id}:${agency.staff.user.id}`).digest("base64url");
    const refused = await callback(new Request(`http://localhost:3000/api/integrations/ghl/callback?code=c&state=${nonce}.${signature}`, { headers: staff }));
    expect(refused.headers.get("location")).toContain("reason=not_found");
    expect(await prisma.auditLog.findMany({ where: { actorUserId: agency.staff.user.id, action: "ghl.connect" } })).toMatchObject([
      { organizationId: agency.organization.id, outcome: "failure", metadata: { code: "not_found" } },
    ]);
  });

  it("sends a signed-out person to the login page and back, auditing nothing", async () => {
    const response = await callback(new Request("http://localhost:3000/api/integrations/ghl/callback?code=c&state=a.b"));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain(`/login?next=${encodeURIComponent("/api/integrations/ghl/callback?code=c&state=a.b")}`);
    expect(await prisma.auditLog.count({ where: { action: "ghl.connect" } })).toBe(0);
  });

  it("rate-limits each person's callbacks", async () => {
    const replay = () => callback(new Request("http://localhost:3000/api/integrations/ghl/callback?code=c&state=nonce.sig", { headers: owner }));
    for (let i = 0; i < RATE_LIMITS.sessionRoute.limit; i++) expect((await replay()).headers.get("location")).toContain("reason=invalid_state");
    expect((await replay()).headers.get("location")).toContain("reason=rate_limited");
    // Each refusal is audited in the platform's log (the person acted in no agency).
    expect(await prisma.auditLog.count({ where: { actorUserId: agency.owner.user.id, action: "ghl.connect", outcome: "failure", organizationId: null } })).toBe(RATE_LIMITS.sessionRoute.limit + 1);
  });

  it("lets the owner pick clinics from the agency's sub-accounts only, then disconnect", async () => {
    await connectAgency(ghl, agency.organization.id);
    ghl.seedLocation({ id: "sub-a", name: "Sub A", timezone: "America/Denver" });
    ghl.seedLocation({ id: "sub-b", name: "Sub B" });
    ghl.seedCompany({ id: "other-company" });
    ghl.seedLocation({ id: "foreign", companyId: "other-company" });

    expect(await addClinicsAction(agency.organization.slug, { ghlLocationIds: ["foreign"] })).toMatchObject({ ok: false, code: "not_found" });
    expect(await addClinicsAction(agency.organization.slug, { ghlLocationIds: [] })).toMatchObject({
      ok: false,
      fieldErrors: { ghlLocationIds: ["Choose at least one sub-account"] },
    });
    expect(await addClinicsAction(agency.organization.slug, { ghlLocationIds: ["sub-a", "sub-b"] })).toEqual({ ok: true, data: { added: 2 } });
    const clinic = await prisma.location.findUniqueOrThrow({ where: { ghlLocationId: "sub-a" }, include: { sync: true } });
    expect(clinic).toMatchObject({ name: "Sub A", timezone: "America/Denver", organizationId: agency.organization.id });
    expect(clinic.sync?.health).toBe("pending");

    expect(await disconnectGhlAction(agency.organization.slug, {})).toMatchObject({ ok: true });
    expect(await prisma.ghlConnection.count()).toBe(0);
    expect(await prisma.location.count({ where: { organizationId: agency.organization.id } })).toBe(4);
  });

  it("syncs a clinic on demand for admins", async () => {
    await connectAgency(ghl, agency.organization.id);
    const { location } = await seedClinic(ghl, agency.organization.id, { contacts: 40 });
    actAs(await signInAs(agency.admin.user.email));
    expect(await syncNowAction(agency.organization.slug, { locationId: location.id })).toMatchObject({
      ok: true,
      data: { status: "completed", contactsUpserted: 40 },
    });
  });
});

describe("the scheduled jobs", () => {
  const withSecret = (path: string) => new Request(`http://localhost:3000${path}`, { headers: { authorization: `Bearer ${env.CRON_SECRET}` } });

  it("refuse callers without the cron secret", async () => {
    expect((await cronSync(new Request("http://localhost:3000/api/cron/ghl-sync"))).status).toBe(401);
    expect((await cronSync(new Request("http://localhost:3000/api/cron/ghl-sync", { headers: { authorization: "Bearer wrong" } }))).status).toBe(401);
    expect((await cronReconcile(new Request("http://localhost:3000/api/cron/ghl-reconcile"))).status).toBe(401);
  });

  it("sync every due clinic of connected agencies", async () => {
    await connectAgency(ghl, agency.organization.id);
    const { location } = await seedClinic(ghl, agency.organization.id, { contacts: 60 });
    // The agency's two other clinics do not exist in GHL: they fail, and are retried next tick.
    const response = await cronSync(withSecret("/api/cron/ghl-sync"));
    expect(await response.json()).toMatchObject({ ok: true, due: 3, completed: 1, failed: 2 });
    expect(await prisma.contact.count({ where: { locationId: location.id } })).toBe(60);
    expect(await (await cronSync(withSecret("/api/cron/ghl-sync"))).json()).toMatchObject({ due: 2 });
    const failing = await prisma.locationSync.findFirstOrThrow({ where: { locationId: agency.clinics[0].id } });
    expect(failing).toMatchObject({ health: "degraded", consecutiveFailures: 2 });
    expect(failing.lastError).toContain("no longer finds this sub-account (HTTP 404)");
  });

  it("reconcile nightly: repair lost updates and deletions and count them", async () => {
    await connectAgency(ghl, agency.organization.id);
    const { seeded, clinic } = await seedClinic(ghl, agency.organization.id, { contacts: 650 });
    await syncLocation(clinic, { budgetMs: 60_000 });
    // Changes whose webhooks were lost, and deletions the incremental sync cannot see.
    ghl.store.deleteContact(seeded.contactIds[0]!);
    ghl.store.deleteContact(seeded.contactIds[1]!);
    for (const id of seeded.contactIds.slice(2, 5)) ghl.store.updateContact(id, { lastName: "Repaired" });
    await prisma.contact.updateMany({ where: { ghlContactId: { in: seeded.contactIds.slice(2, 5) } }, data: { ghlUpdatedAt: new Date(0) } });

    const result = await reconcileLocation(clinic, { budgetMs: 60_000 });
    expect(result).toMatchObject({ complete: true, drift: 5, repaired: 3, deleted: 2 });
    expect(await prisma.contact.count({ where: { locationId: clinic.locationId, deletedAt: null } })).toBe(648);
    expect(await prisma.contact.count({ where: { lastName: "Repaired" } })).toBe(3);
    const sync = await prisma.locationSync.findUniqueOrThrow({ where: { locationId: clinic.locationId } });
    expect(sync.lastDriftCount).toBe(5);
    // A second pass finds nothing left to repair.
    expect(await reconcileLocation(clinic, { budgetMs: 60_000 })).toMatchObject({ drift: 0 });
    expect(await (await cronReconcile(withSecret("/api/cron/ghl-reconcile"))).json()).toMatchObject({ ok: true, reconciled: 1, drift: 0 });
  });
});
