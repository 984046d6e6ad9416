import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { systemDb } from "@/lib/db/system";
import { forOrg } from "@/lib/db";
import { recordAudit } from "@/lib/audit/audit";
import type { OrgContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import type { CurrentSession } from "@/lib/auth/session";
import { sealSecret } from "@/lib/crypto";
import { env } from "@/lib/env";
import { NotFoundError, UserError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { agencyApi } from "@/lib/ghl/api";
import { isGhlConfigured } from "@/lib/ghl/config";
import { GhlHttpError } from "@/lib/ghl/http";
import { authorizeUrl, exchangeCode } from "@/lib/ghl/oauth";
import { findConnection, sealContext } from "@/lib/ghl/tokens";

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

export class ConnectError extends UserError {}

/** The OAuth callback: checks the state, exchanges the code, stores the sealed tokens. */
export async function completeGhlConnect(session: CurrentSession, input: { code: string | null; state: string | null }) {
  assertConfigured();
  const [nonce, signature] = (input.state ?? "").split(".");
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
  const member = await db.member.findFirst({ where: { userId: session.user.id }, include: { organization: { select: { slug: true } } } });
  if (!member || member.role === "platform_admin" || !can(member.role, "integrations.manage")) throw new NotFoundError();

  let tokens;
  try {
    tokens = await exchangeCode(input.code);
  } catch (err) {
    if (err instanceof GhlHttpError) throw new ConnectError("ghl_refused", "GoHighLevel did not accept the connection. Please try again.");
    throw err;
  }
  if (tokens.userType !== "Company" || !tokens.companyId || !tokens.refresh_token) {
    throw new ConnectError("ghl_wrong_install", "Install Sidecar for your agency (all sub-accounts), not for a single sub-account.");
  }
  const organizationId = state.organizationId;
  const sealed = {
    companyId: tokens.companyId,
    scopes: tokens.scope,
    accessTokenSealed: sealSecret(tokens.access_token, sealContext(organizationId, "access")),
    refreshTokenSealed: sealSecret(tokens.refresh_token, sealContext(organizationId, "refresh")),
    accessTokenExpiresAt: new Date(Date.now() + tokens.expires_in * 1000),
    connectedByUserId: session.user.id,
  };
  await db.ghlConnection.upsert({ where: { organizationId }, create: { organizationId, ...sealed }, update: sealed });
  await recordAudit({ organizationId, actorUserId: session.user.id, action: "ghl.connect", targetType: "ghl", metadata: { companyId: tokens.companyId } });
  return { slug: member.organization.slug };
}

/** The agency's GHL sub-accounts, each marked when it is already a Sidecar clinic. */
export async function listGhlLocations(ctx: Pick<OrgContext, "db" | "organization">) {
  const [locations, clinics] = await Promise.all([
    agencyApi(ctx.organization.id).searchLocations(),
    ctx.db.location.findMany({ select: { ghlLocationId: true } }),
  ]);
  const added = new Set(clinics.map((c) => c.ghlLocationId));
  return locations.map((l) => ({ ...l, isClinic: added.has(l.id) })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Makes the chosen GHL sub-accounts clinics; only sub-accounts of the connected agency qualify. */
export async function addClinics(ctx: Pick<OrgContext, "db" | "organization">, ghlLocationIds: string[]) {
  await findConnection(ctx.organization.id);
  const available = new Map((await agencyApi(ctx.organization.id).searchLocations()).map((l) => [l.id, l]));
  const chosen = [...new Set(ghlLocationIds)].map((id) => available.get(id));
  if (chosen.some((l) => !l)) throw new NotFoundError("One of the chosen sub-accounts is not part of your GoHighLevel agency.");
  try {
    return await ctx.db.transaction(async (tx) => {
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
