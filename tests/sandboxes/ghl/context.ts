import type { IncomingHttpHeaders } from "node:http";
import type { AccessToken, OAuthState } from "./auth";
import type { FaultInjector } from "./faults";
import type { RouteResponse } from "./http";
import type { RateLimiter } from "./rate-limit";
import type { RequestLog } from "./request-log";
import type { GhlStore } from "./store";
import type { ApiVersion, TokenKind } from "./types";
import type { GhlWebhookEvent } from "./webhook-events";
import type { WebhookSender } from "./webhooks";

/** Settings after defaults are applied (see GhlSandboxOptions in options.ts). */
export interface SandboxSettings {
  clientId: string;
  clientSecret: string;
  appId: string;
  versionId: string;
  companyId: string;
  userId: string;
  redirectUris?: readonly string[];
  tokenLifetimeSec: number;
  codeLifetimeSec: number;
  strictVersion: boolean;
  enforceScopes: boolean;
  autoWebhooksUrl?: string;
}

/** What the choose-location page "clicks" when it auto-approves. */
export interface AuthorizeChoice {
  userType?: TokenKind;
  locationId?: string;
  companyId?: string;
}

/** Everything a route handler can reach. One per running sandbox. */
export interface SandboxContext {
  settings: SandboxSettings;
  store: GhlStore;
  oauth: OAuthState;
  rateLimiter: RateLimiter;
  faults: FaultInjector;
  requests: RequestLog;
  webhooks: WebhookSender;
  now: () => number;
  authorizeChoice: AuthorizeChoice;
  /** Sends the event to autoWebhooks, if set; never throws, never waits. */
  emitWebhook(event: GhlWebhookEvent): void;
  log(message: string, detail?: unknown): void;
}

export interface RequestContext {
  sandbox: SandboxContext;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  traceId: string;
  /** The parsed JSON body; `{}` when empty; 400 on malformed JSON. */
  jsonBody(): unknown;
  /** The form-urlencoded body; 400 for any other content type. */
  formBody(): URLSearchParams;
}

export interface AuthedContext extends RequestContext {
  token: AccessToken;
}

export interface TokenAccess {
  version: ApiVersion;
  tokens: readonly TokenKind[];
  scope: string;
}

export interface PublicRoute {
  method: string;
  path: string;
  access: "public";
  handle(ctx: RequestContext): RouteResponse | Promise<RouteResponse>;
}

export interface TokenRoute {
  method: string;
  path: string;
  access: TokenAccess;
  handle(ctx: AuthedContext): RouteResponse | Promise<RouteResponse>;
}

export type Route = PublicRoute | TokenRoute;

/** Identity helpers: they give handlers their context type without annotations. */
export const publicRoute = (route: PublicRoute): Route => route;
export const tokenRoute = (route: TokenRoute): Route => route;
