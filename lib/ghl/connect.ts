import "server-only";
import { assertClinicCapacity, loadEntitlement } from "@/lib/billing/entitlements";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { systemDb } from "@/lib/db/system";
import { forOrg } from "@/lib/db";
import type { OrgContext } from "@/lib/auth/context";
import type { SessionContext } from "@/lib/entry/session-route";
import { openSecret, sealSecret } from "@/lib/crypto";
import { env } from "@/lib/env";
import { NotFoundError, UserError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { agencyApi } from "@/lib/ghl/api";
import { isGhlConfigured } from "@/lib/ghl/config";
import { GhlHttpError } from "@/lib/ghl/http";
import { authorizeUrl, exchangeCode, listInstalledLocations } from "@/lib/ghl/oauth";
import { agencyTokens, findConnection, sealContext, withToken } from "@/lib/ghl/tokens";

/**
 * Connecting an agency to GHL. The OAuth state is a random nonce stored once, signed together
 * with the organization and the user who started; the callback accepts it only from that user,
 * only once, within ten minutes.
 */

const STATE_TTL_MS = 10 * 60_000;

function stateSignature(nonce: string, organizationId: string, userId: string): string {
  return createHmac("sha256", env.BETTER_AUTH_SECRET).update(`ghl-oauth:${nonce}:${organizationId}:${userId}`).digest("base64url");
}

function assertConfigured() {
  if (!isGhlConfigured()) throw new UserError("ghl_not_configured", "GoHighLevel is not configured on this server.");
}

export async function startGhlConnect(ctx: Pick<OrgContext, "db" | "organization" | "user">): Promise<{ url: string }> {
  assertConfigured();
  const nonce = randomBytes(24).toString("base64url");
  await ctx.db.oAuthState.create({
    data: { id: nonce, organizationId: ctx.organization.id, userId: ctx.user.id, provider: "ghl", expiresAt: new Date(Date.now() + STATE_TTL_MS) },
  });
  return { url: authorizeUrl(`${nonce}.${stateSignature(nonce, ctx.organization.id, ctx.user.id)}`) };
}

export class ConnectError extends UserError {
  static override readonly kind: string = "ConnectError";
}

/** The sealed Marketplace install a signed-in person finishes on /integrations/ghl/finish. */
export const PENDING_INSTALL_COOKIE = "sidecar_ghl_install";
export const PENDING_INSTALL_TTL_MS = 10 * 60_000;

const ZPendingInstall = z.object({ companyId: z.string().min(1), refreshToken: z.string().min(1), scope: z.string(), expiresAt: z.number() });
const pendingContext = (userId: string) => `ghl-install:${userId}`;

/** What the callback did: connected an agency (audited in it), or left an install for the finish page. */
type ConnectResult =
  | { kind: "connected"; slug: string; organizationId: string; companyId: string; via: "link" | "marketplace" }
  | { kind: "finish"; cookie: string; companyId: string };

async function exchange(code: string) {
  let tokens;
  try {
    tokens = await exchangeCode(code);
  } catch (err) {
    if (err instanceof GhlHttpError) throw new ConnectError("ghl_refused", "GoHighLevel did not accept the connection. Please try again.");
    throw err;
  }
  if (tokens.userType !== "Company" || !tokens.companyId || !tokens.refresh_token) {
    throw new ConnectError("ghl_wrong_install", "Install Sidecar for your agency (all sub-accounts), not for a single sub-account.");
  }
  return { ...tokens, companyId: tokens.companyId, refresh_token: tokens.refresh_token };
}

/** The agencies whose connection holds a GHL company (at most one, unless data predates the check). */
export async function unsafeFindConnectionsByCompany(companyId: string) {
  return systemDb("ghl.company-connection").ghlConnection.findMany({ where: { companyId }, select: { organizationId: true } });
}

/**
 * Stores the agency's tokens; the entry wrapper that called (the callback's or the finish
 * action's) audits it as "ghl.connect". An access token may be absent (a finished Marketplace
 * install keeps only the refresh token): it is then stored as already expired, and the first
 * call refreshes it.
 */
async function storeConnection(
  organizationId: string,
  userId: string,
  tokens: { companyId: string; scope: string; refresh_token: string; access_token?: string; expires_in?: number },
) {
  const holders = await unsafeFindConnectionsByCompany(tokens.companyId);
  if (holders.some((h) => h.organizationId !== organizationId)) {
    throw new ConnectError("company_taken", "This GoHighLevel agency is already connected to another Sidecar account.");
  }
  const sealed = {
    companyId: tokens.companyId,
    scopes: tokens.scope,
    accessTokenSealed: sealSecret(tokens.access_token ?? "", sealContext(organizationId, "access")),
    refreshTokenSealed: sealSecret(tokens.refresh_token, sealContext(organizationId, "refresh")),
    accessTokenExpiresAt: new Date(tokens.access_token && tokens.expires_in ? Date.now() + tokens.expires_in * 1000 : 0),
    connectedByUserId: userId,
    uninstalledAt: null,
    installChangedAt: new Date(),
    refreshLeaseOwner: null,
    refreshLeaseExpiresAt: null,
  };
  const db = forOrg(organizationId);
  await db.transaction(async (tx) => {
    const existing = await tx.ghlConnection.findUnique({ where: { organizationId }, select: { companyId: true } });
    if (existing && existing.companyId !== tokens.companyId) {
      throw new ConnectError("other_company", "This Sidecar account is connected to another GoHighLevel agency. Disconnect it in Settings → Integrations first.");
    }
    await tx.ghlConnection.upsert({ where: { organizationId }, create: { organizationId, ...sealed }, update: sealed });
  });
}

/**
 * The OAuth callback. With a state (Sidecar's own link): checks it, exchanges the code, stores
 * the tokens. Without one (an install started from GHL's Marketplace): the code is exchanged
 * at once (GHL spends it either way), and the company is attached only to an agency the
 * signed-in person manages: the one already holding that company, or, when none does, the one
 * they pick on the finish page. A company never lands on an agency the person does not own.
 */
export async function completeGhlConnect(ctx: SessionContext, input: { code: string | null; state: string | null }): Promise<ConnectResult> {
  assertConfigured();
  const { session } = ctx;
  if (!input.state) return completeMarketplaceInstall(ctx, input.code);
  const [nonce, signature] = input.state.split(".");
  if (!nonce || !signature || nonce.length > 64 || !input.code) throw new ConnectError("invalid_state", "This connection link is not valid. Start again from Settings.");
  // Cross-tenant lookup by an unguessable nonce; everything after is checked against it.
  const state = await systemDb("ghl.oauth-state").oAuthState.findUnique({ where: { id: nonce } });
  if (!state) throw new ConnectError("invalid_state", "This connection link was already used or has expired. Start again from Settings.");
  const expected = Buffer.from(stateSignature(nonce, state.organizationId, state.userId));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given) || state.userId !== session.user.id) {
    throw new ConnectError("invalid_state", "This connection link belongs to someone else. Start again from Settings.");
  }
  const db = forOrg(state.organizationId);
  const { count } = await db.oAuthState.deleteMany({ where: { id: nonce } });
  if (count !== 1 || state.expiresAt < new Date()) {
    throw new ConnectError("invalid_state", "This connection link was already used or has expired. Start again from Settings.");
  }
  const member = await ctx.memberOf(state.organizationId, "integrations.manage");
  if (!member) throw new NotFoundError();
  const tokens = await exchange(input.code);
  await storeConnection(state.organizationId, session.user.id, tokens);
  return { kind: "connected", slug: member.organization.slug, organizationId: state.organizationId, companyId: tokens.companyId, via: "link" };
}

async function completeMarketplaceInstall(ctx: SessionContext, code: string | null): Promise<ConnectResult> {
  const { session } = ctx;
  if (!code || code.length > 4096) throw new ConnectError("invalid_state", "This connection link is not valid. Start again from Settings.");
  const tokens = await exchange(code);
  const holders = await unsafeFindConnectionsByCompany(tokens.companyId);
  if (holders.length > 0) {
    // A reinstall (or a second approval) of a company Sidecar already knows: only its manager may renew it.
    for (const holder of holders) {
      const member = await ctx.memberOf(holder.organizationId, "integrations.manage");
      if (member) {
        await storeConnection(holder.organizationId, session.user.id, tokens);
        return { kind: "connected", slug: member.organization.slug, organizationId: holder.organizationId, companyId: tokens.companyId, via: "marketplace" };
      }
    }
    throw new ConnectError("company_taken", "This GoHighLevel agency is connected to a Sidecar account you do not manage. Ask its owner to install the app.");
  }
  // Nobody holds the company yet: the person picks which of their agencies it belongs to.
  const pending = { companyId: tokens.companyId, refreshToken: tokens.refresh_token, scope: tokens.scope, expiresAt: Date.now() + PENDING_INSTALL_TTL_MS };
  return { kind: "finish", cookie: sealSecret(JSON.stringify(pending), pendingContext(session.user.id)), companyId: tokens.companyId };
}

/** What the finish page shows: the pending install of this person, if it is theirs and still valid. */
export function readPendingInstall(userId: string, cookie: string | undefined) {
  if (!cookie) return null;
  try {
    const pending = ZPendingInstall.parse(JSON.parse(openSecret(cookie, pendingContext(userId))));
    return pending.expiresAt > Date.now() ? pending : null;
  } catch {
    // Sealed for someone else, tampered with, or from an older key: not this person's install.
    return null;
  }
}

/** Attaches the pending Marketplace install to an agency the person manages (the action checks the role). */
export async function finishGhlConnect(ctx: Pick<OrgContext, "organization" | "user">, cookie: string | undefined) {
  assertConfigured();
  const pending = readPendingInstall(ctx.user.id, cookie);
  if (!pending) throw new ConnectError("invalid_state", "This install has expired or was started by someone else. Install Sidecar again from GoHighLevel's Marketplace.");
  await storeConnection(ctx.organization.id, ctx.user.id, { companyId: pending.companyId, scope: pending.scope, refresh_token: pending.refreshToken });
  return { slug: ctx.organization.slug, companyId: pending.companyId };
}

/**
 * The sub-accounts where the app is installed (GET /oauth/installedLocations), with their
 * details from /locations/search, each marked when it is already a Sidecar clinic. A location
 * the app is not installed in could not be synced (no location token), so it is not offered.
 */
async function installedLocationsOf(organizationId: string) {
  const connection = await findConnection(organizationId);
  const [installed, details] = await Promise.all([
    withToken(agencyTokens(organizationId), (token) => listInstalledLocations(token, connection.companyId)),
    agencyApi(organizationId).searchLocations(),
  ]);
  const byId = new Map(details.map((l) => [l.id, l]));
  return {
    connection,
    locations: installed.map((l) => byId.get(l._id) ?? { id: l._id, name: l.name, address: l.address, timezone: "UTC" as string, city: undefined, state: undefined, postalCode: undefined, phone: undefined }),
  };
}

export async function listGhlLocations(ctx: Pick<OrgContext, "db" | "organization">) {
  const [{ connection, locations }, clinics] = await Promise.all([
    installedLocationsOf(ctx.organization.id),
    ctx.db.location.findMany({ select: { ghlLocationId: true } }),
  ]);
  const added = new Set(clinics.map((c) => c.ghlLocationId));
  const fresh = new Set(connection.newlyInstalledLocationIds);
  return locations
    .map((l) => ({ ...l, isClinic: added.has(l.id), newlyInstalled: fresh.has(l.id) && !added.has(l.id) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Makes the chosen GHL sub-accounts clinics; only sub-accounts of the connected agency with the app installed qualify. */
export async function addClinics(ctx: Pick<OrgContext, "db" | "organization">, ghlLocationIds: string[]) {
  const { locations } = await installedLocationsOf(ctx.organization.id);
  const available = new Map(locations.map((l) => [l.id, l]));
  const chosen = [...new Set(ghlLocationIds)].map((id) => available.get(id));
  if (chosen.some((l) => !l)) throw new NotFoundError("One of the chosen sub-accounts is not part of your GoHighLevel agency, or the Sidecar app is not installed in it.");
  const entitlement = await loadEntitlement(ctx.organization.id);
  try {
    return await ctx.db.transaction(async (tx) => {
      const known = await tx.location.findMany({ where: { ghlLocationId: { in: chosen.map((l) => l!.id) } }, select: { id: true } });
      // The plan's clinic limit, counted inside the transaction that adds them.
      assertClinicCapacity(entitlement, (await tx.location.count()) + chosen.length - known.length);
      const created = [];
      for (const location of chosen as NonNullable<(typeof chosen)[number]>[]) {
        const existing = await tx.location.findFirst({ where: { ghlLocationId: location.id } });
        if (existing) continue;
        const address = [location.address, location.city, location.state, location.postalCode].filter(Boolean).join(", ") || null;
        const clinic = await tx.location.create({
          data: {
            organizationId: ctx.organization.id,
            ghlLocationId: location.id,
            name: location.name,
            address,
            phone: location.phone ?? null,
            timezone: location.timezone,
          },
        });
        await tx.locationSync.create({ data: { locationId: clinic.id, organizationId: ctx.organization.id } });
        created.push(clinic.id);
      }
      const connection = await tx.ghlConnection.findUnique({ where: { organizationId: ctx.organization.id }, select: { newlyInstalledLocationIds: true } });
      if (connection?.newlyInstalledLocationIds.length) {
        const now = new Set(chosen.map((l) => l!.id));
        await tx.ghlConnection.update({
          where: { organizationId: ctx.organization.id },
          data: { newlyInstalledLocationIds: connection.newlyInstalledLocationIds.filter((id) => !now.has(id)) },
        });
      }
      return { added: created.length };
    });
  } catch (err) {
    // Another Sidecar agency already has it (the GHL location id is unique); say so without naming it.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new UserError("location_taken", "One of these sub-accounts is already connected to another Sidecar account.");
    }
    throw err;
  }
}

/** Deletes the agency's GHL tokens. Clinics and their synced data stay, ready for a reconnect. */
export async function disconnectGhl(ctx: Pick<OrgContext, "db" | "organization">) {
  return ctx.db.transaction(async (tx) => {
    const { count } = await tx.ghlConnection.deleteMany({ where: { organizationId: ctx.organization.id } });
    await tx.locationSync.updateMany({ where: { organizationId: ctx.organization.id }, data: { accessTokenSealed: null, accessTokenExpiresAt: null } });
    if (count === 0) throw new NotFoundError("GoHighLevel is not connected.");
    return { disconnected: true };
  });
}
