import "server-only";
import { randomUUID } from "node:crypto";
import { openSecret, sealSecret } from "@/lib/crypto";
import { forOrg } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { GhlHttpError, GhlUnauthorizedError, GhlUnavailableError } from "@/lib/ghl/http";
import { listInstalledLocations, mintLocationToken, refreshTokens } from "@/lib/ghl/oauth";
import { log } from "@/lib/log";
import { sealContext } from "@/lib/ghl/seal-context";

/** Refresh this long before expiry, so a token never dies in the middle of a sync page. */
const REFRESH_MARGIN_MS = 60_000;

export class GhlNotConnectedError extends UserError {
  static override readonly kind: string = "GhlNotConnectedError";
  constructor() {
    super("ghl_not_connected", "GoHighLevel is not connected for this agency. An owner can connect it in Settings → Integrations.");
  }
}

export class GhlReconnectRequiredError extends UserError {
  static override readonly kind: string = "GhlReconnectRequiredError";
  constructor() {
    super("ghl_reconnect", "GoHighLevel no longer accepts Sidecar's access. An owner needs to reconnect it in Settings → Integrations.");
  }
}

/** GHL's Marketplace app is not installed in this sub-account, so no location token can be minted. */
export class GhlNotInstalledError extends UserError {
  static override readonly kind: string = "GhlNotInstalledError";
  constructor() {
    super(
      "ghl_not_installed",
      "The Sidecar app is not installed in this sub-account in GoHighLevel. To fix it, open the sub-account in GoHighLevel, go to App Marketplace → Sidecar and install it there (or reinstall it for all sub-accounts from the agency view), then press Sync now.",
    );
  }
}

export interface TokenProvider {
  token(): Promise<string>;
  /** A new token after `stale` was refused; concurrent callers share one refresh. */
  refresh(stale: string): Promise<string>;
}

export { sealContext };

const freshEnough = (expiresAt: Date | null | undefined) => Boolean(expiresAt && expiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** How long one refresher may hold the lease: the HTTP call with its retries fits well inside. */
const REFRESH_LEASE_MS = 30_000;
const LEASE_POLL_MS = 100;

/** The stored pair, read fresh (never from a transaction the caller may hold). */
async function readPair(organizationId: string) {
  const row = await forOrg(organizationId).ghlConnection.findUnique({
    where: { organizationId },
    select: { accessTokenSealed: true, refreshTokenSealed: true, accessTokenExpiresAt: true },
  });
  if (!row) throw new GhlNotConnectedError();
  return { ...row, access: openSecret(row.accessTokenSealed, sealContext(organizationId, "access")) };
}

/**
 * The rotated pair is written by itself, before anything else can fail: GHL has already spent
 * the old refresh token, so losing this write would force the agency to reconnect. A failed
 * write is retried a few times before giving up.
 */
async function persistRotatedPair(organizationId: string, owner: string, refreshed: { access_token: string; refresh_token: string; expires_in: number }) {
  const data = {
    accessTokenSealed: sealSecret(refreshed.access_token, sealContext(organizationId, "access")),
    refreshTokenSealed: sealSecret(refreshed.refresh_token, sealContext(organizationId, "refresh")),
    accessTokenExpiresAt: new Date(Date.now() + refreshed.expires_in * 1000),
    tokenVersion: { increment: 1 },
    refreshLeaseOwner: null,
    refreshLeaseExpiresAt: null,
  };
  for (let attempt = 0; ; attempt++) {
    try {
      await forOrg(organizationId).ghlConnection.update({ where: { organizationId }, data });
      return;
    } catch (err) {
      if (attempt >= 4) {
        log.error({ err, organizationId, owner }, "could not store GHL's rotated tokens");
        throw err;
      }
      await sleep(200 * 2 ** attempt);
    }
  }
}

/**
 * Refreshes the agency token, single-flight. GHL's refresh tokens are single-use: two
 * refreshes racing would spend the token twice and lose the rotated one. So one caller takes a
 * lease on the connection row (a conditional update, committed at once: no transaction stays
 * open while GHL is called), refreshes over HTTP, and stores the new pair on its own; the
 * others wait for the lease to end and use the token it stored. Callers inside a transaction
 * of their own are safe: a rollback there cannot undo the rotated pair.
 */
export async function refreshAgencyToken(organizationId: string, stale: string): Promise<string> {
  const db = forOrg(organizationId);
  const owner = randomUUID();
  const giveUpAt = Date.now() + REFRESH_LEASE_MS + 5_000;
  for (;;) {
    const pair = await readPair(organizationId);
    if (pair.access !== stale && freshEnough(pair.accessTokenExpiresAt)) return pair.access;
    const now = new Date();
    const { count } = await db.ghlConnection.updateMany({
      where: { organizationId, OR: [{ refreshLeaseExpiresAt: null }, { refreshLeaseExpiresAt: { lt: now } }] },
      data: { refreshLeaseOwner: owner, refreshLeaseExpiresAt: new Date(now.getTime() + REFRESH_LEASE_MS) },
    });
    if (count === 1) break;
    if (Date.now() > giveUpAt) throw new GhlUnavailableError(new Error("another GHL token refresh did not finish"));
    await sleep(LEASE_POLL_MS);
  }
  const release = () =>
    db.ghlConnection
      .updateMany({ where: { organizationId, refreshLeaseOwner: owner }, data: { refreshLeaseOwner: null, refreshLeaseExpiresAt: null } })
      .catch(() => undefined);
  // Another refresher may have finished between the read above and taking the lease.
  const pair = await readPair(organizationId).catch(async (err) => {
    await release();
    throw err;
  });
  if (pair.access !== stale && freshEnough(pair.accessTokenExpiresAt)) {
    await release();
    return pair.access;
  }
  let refreshed;
  try {
    refreshed = await refreshTokens(openSecret(pair.refreshTokenSealed, sealContext(organizationId, "refresh")));
  } catch (err) {
    await release();
    if (err instanceof GhlHttpError && err.status >= 400 && err.status < 500) throw new GhlReconnectRequiredError();
    throw err;
  }
  if (!refreshed.refresh_token) {
    await release();
    throw new GhlReconnectRequiredError();
  }
  await persistRotatedPair(organizationId, owner, { ...refreshed, refresh_token: refreshed.refresh_token });
  return refreshed.access_token;
}

export class GhlUninstalledError extends UserError {
  static override readonly kind: string = "GhlUninstalledError";
  constructor() {
    super("ghl_uninstalled", "Sidecar was uninstalled from your GoHighLevel agency, so nothing syncs. An owner can install it again from GoHighLevel's Marketplace, or connect again in Settings → Integrations. All data is kept.");
  }
}

export async function findConnection(organizationId: string) {
  const connection = await forOrg(organizationId).ghlConnection.findUnique({ where: { organizationId } });
  if (!connection) throw new GhlNotConnectedError();
  if (connection.uninstalledAt) throw new GhlUninstalledError();
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
    const agency = agencyTokens(organizationId);
    const mintWith = (agencyToken: string) => mintLocationToken(agencyToken, connection.companyId, location.ghlLocationId);
    let minted;
    try {
      minted = await mintWith(await agency.token());
    } catch (err) {
      if (!(err instanceof GhlUnauthorizedError)) throw err;
      // A 401 here is an expired agency token or a sub-account without the app. Ask GHL which
      // before spending the agency's refresh token: installedLocations refreshes only if the
      // agency token itself is refused.
      const installed = await withToken(agency, (token) => listInstalledLocations(token, connection.companyId, { locationId: location.ghlLocationId }));
      if (!installed.some((l) => l._id === location.ghlLocationId)) throw new GhlNotInstalledError();
      minted = await withToken(agency, mintWith);
    }
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
