import "server-only";
import { openSecret, sealSecret } from "@/lib/crypto";
import { forOrg } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { GhlHttpError, GhlUnauthorizedError } from "@/lib/ghl/http";
import { mintLocationToken, refreshTokens } from "@/lib/ghl/oauth";
import { sealContext } from "@/lib/ghl/seal-context";

/** Refresh this long before expiry, so a token never dies in the middle of a sync page. */
const REFRESH_MARGIN_MS = 60_000;
const LOCK_TIMEOUT_MS = 30_000;

export class GhlNotConnectedError extends UserError {
  constructor() {
    super("ghl_not_connected", "GoHighLevel is not connected for this agency. An owner can connect it in Settings → Integrations.");
  }
}

export class GhlReconnectRequiredError extends UserError {
  constructor() {
    super("ghl_reconnect", "GoHighLevel no longer accepts Sidecar's access. An owner needs to reconnect it in Settings → Integrations.");
  }
}

export interface TokenProvider {
  token(): Promise<string>;
  /** A new token after `stale` was refused; concurrent callers share one refresh. */
  refresh(stale: string): Promise<string>;
}

export { sealContext };

const freshEnough = (expiresAt: Date | null | undefined) => Boolean(expiresAt && expiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS);

/**
 * Refreshes the agency token under a row lock. GHL's refresh tokens are single-use: two
 * refreshes racing would spend the token twice and lose the rotated one. The second caller
 * waits on the lock, sees the token already changed, and uses the new one.
 */
export async function refreshAgencyToken(organizationId: string, stale: string): Promise<string> {
  return forOrg(organizationId).transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<{ accessTokenSealed: string; refreshTokenSealed: string; accessTokenExpiresAt: Date }[]>`
        SELECT "accessTokenSealed", "refreshTokenSealed", "accessTokenExpiresAt"
        FROM "GhlConnection" WHERE "organizationId" = ${organizationId} FOR UPDATE`;
      if (!row) throw new GhlNotConnectedError();
      const current = openSecret(row.accessTokenSealed, sealContext(organizationId, "access"));
      if (current !== stale && freshEnough(row.accessTokenExpiresAt)) return current;
      let refreshed;
      try {
        refreshed = await refreshTokens(openSecret(row.refreshTokenSealed, sealContext(organizationId, "refresh")));
      } catch (err) {
        if (err instanceof GhlHttpError && err.status >= 400 && err.status < 500) throw new GhlReconnectRequiredError();
        throw err;
      }
      if (!refreshed.refresh_token) throw new GhlReconnectRequiredError();
      await tx.ghlConnection.update({
        where: { organizationId },
        data: {
          accessTokenSealed: sealSecret(refreshed.access_token, sealContext(organizationId, "access")),
          refreshTokenSealed: sealSecret(refreshed.refresh_token, sealContext(organizationId, "refresh")),
          accessTokenExpiresAt: new Date(Date.now() + refreshed.expires_in * 1000),
          tokenVersion: { increment: 1 },
        },
      });
      return refreshed.access_token;
    },
    { timeout: LOCK_TIMEOUT_MS, maxWait: LOCK_TIMEOUT_MS },
  );
}

export async function findConnection(organizationId: string) {
  const connection = await forOrg(organizationId).ghlConnection.findUnique({ where: { organizationId } });
  if (!connection) throw new GhlNotConnectedError();
  return connection;
}

export function agencyTokens(organizationId: string): TokenProvider {
  return {
    async token() {
      const connection = await findConnection(organizationId);
      const access = openSecret(connection.accessTokenSealed, sealContext(organizationId, "access"));
      return freshEnough(connection.accessTokenExpiresAt) ? access : refreshAgencyToken(organizationId, access);
    },
    refresh: (stale) => refreshAgencyToken(organizationId, stale),
  };
}

/** Calls `fn` with a token; on 401 refreshes once and calls again. */
export async function withToken<T>(tokens: TokenProvider, fn: (token: string) => Promise<T>): Promise<T> {
  const token = await tokens.token();
  try {
    return await fn(token);
  } catch (err) {
    if (!(err instanceof GhlUnauthorizedError)) throw err;
    return fn(await tokens.refresh(token));
  }
}

/**
 * Location tokens are minted from the agency token and have no refresh token of their own, so
 * "refreshing" one means minting another. Two processes minting at once is harmless (both
 * tokens work), so no lock is taken; the last one stored is used from then on.
 */
export function locationTokens(organizationId: string, location: { id: string; ghlLocationId: string }): TokenProvider {
  const context = sealContext(organizationId, `location:${location.id}`);
  const db = forOrg(organizationId);
  const mint = async () => {
    const connection = await findConnection(organizationId);
    const minted = await withToken(agencyTokens(organizationId), (agencyToken) =>
      mintLocationToken(agencyToken, connection.companyId, location.ghlLocationId),
    );
    const sealed = { accessTokenSealed: sealSecret(minted.access_token, context), accessTokenExpiresAt: new Date(Date.now() + minted.expires_in * 1000) };
    await db.locationSync.upsert({
      where: { locationId: location.id },
      create: { locationId: location.id, organizationId, ...sealed },
      update: sealed,
    });
    return minted.access_token;
  };
  return {
    async token() {
      const sync = await db.locationSync.findUnique({ where: { locationId: location.id } });
      if (sync?.accessTokenSealed && freshEnough(sync.accessTokenExpiresAt)) return openSecret(sync.accessTokenSealed, context);
      return mint();
    },
    refresh: () => mint(),
  };
}
