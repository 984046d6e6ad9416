import { randomBytes } from "node:crypto";
import type { TokenKind } from "./types";

/** Every scope the sandbox checks; tokens issued directly by tests get all of them. */
export const ALL_SCOPES = [
  "contacts.readonly",
  "contacts.write",
  "calendars.readonly",
  "calendars.write",
  "calendars/events.readonly",
  "calendars/events.write",
  "conversations/message.readonly",
  "conversations/message.write",
  "locations.readonly",
  "users.readonly",
  "oauth.readonly",
  "oauth.write",
] as const;

const REFRESH_TOKEN_LIFETIME_MS = 365 * 86_400_000;

export interface Grant {
  userType: TokenKind;
  companyId: string;
  locationId?: string;
  userId: string;
  scopes: string[];
}

export interface AccessToken extends Grant {
  token: string;
  expiresAt: number;
}

interface RefreshToken extends Grant {
  token: string;
  expiresAt: number;
}

interface AuthorizationCode {
  code: string;
  companyId: string;
  /** Set when the user picked a sub-account on the choose-location page. */
  locationId?: string;
  userId: string;
  scopes: string[];
  redirectUri?: string;
  expiresAt: number;
}

export interface IssuedPair {
  access: AccessToken;
  refreshToken: string;
}

function opaqueToken(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString("base64url")}`;
}

/**
 * Codes, access tokens and refresh tokens of the one marketplace app the sandbox serves.
 * Tokens are opaque strings, not JWTs: nothing in Sidecar should depend on decoding them.
 */
export class OAuthState {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, RefreshToken>();

  constructor(
    private readonly settings: { tokenLifetimeSec: number; codeLifetimeSec: number },
    private readonly now: () => number,
  ) {}

  issueCode(input: Omit<AuthorizationCode, "code" | "expiresAt">): string {
    const code = randomBytes(20).toString("hex");
    this.codes.set(code, { ...input, code, expiresAt: this.now() + this.settings.codeLifetimeSec * 1000 });
    return code;
  }

  /** Codes are single use: the lookup consumes the code whether or not the exchange succeeds later. */
  consumeCode(code: string): AuthorizationCode | undefined {
    const record = this.codes.get(code);
    this.codes.delete(code);
    if (!record || record.expiresAt <= this.now()) return undefined;
    return record;
  }

  issuePair(grant: Grant): IssuedPair {
    const access = this.issueAccessToken(grant);
    const refreshToken = opaqueToken("sbx_rt");
    this.refreshTokens.set(refreshToken, { ...grant, token: refreshToken, expiresAt: this.now() + REFRESH_TOKEN_LIFETIME_MS });
    return { access, refreshToken };
  }

  /** An access token alone: what POST /oauth/locationToken hands out (no refresh token). */
  issueAccessToken(grant: Grant): AccessToken {
    const token: AccessToken = {
      ...grant,
      scopes: [...grant.scopes],
      token: opaqueToken("sbx_at"),
      expiresAt: this.now() + this.settings.tokenLifetimeSec * 1000,
    };
    this.accessTokens.set(token.token, token);
    return token;
  }

  /**
   * Refresh tokens rotate and are single use. The reference only says a refresh returns a new
   * refresh token; whether the old one dies at once is unconfirmed (§1.2). The sandbox takes
   * the strict reading so a client that keeps using the old token fails here, not in production.
   * The previous access token stays valid until it expires (also unconfirmed either way).
   */
  rotate(refreshToken: string): IssuedPair | undefined {
    const record = this.refreshTokens.get(refreshToken);
    this.refreshTokens.delete(refreshToken);
    if (!record || record.expiresAt <= this.now()) return undefined;
    const { userType, companyId, locationId, userId, scopes } = record;
    return this.issuePair({ userType, companyId, locationId, userId, scopes });
  }

  lookup(token: string): AccessToken | undefined {
    const record = this.accessTokens.get(token);
    if (!record) return undefined;
    if (record.expiresAt <= this.now()) return undefined;
    return record;
  }

  expireAccessToken(token: string): void {
    const record = this.accessTokens.get(token);
    if (record) record.expiresAt = this.now();
  }

  /** Every access token answers 401 from now on; refresh tokens keep working. */
  expireAllAccessTokens(): void {
    const now = this.now();
    for (const record of this.accessTokens.values()) record.expiresAt = Math.min(record.expiresAt, now);
  }

  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }
}
