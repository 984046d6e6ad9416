import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AuthedContext, RequestContext, Route, SandboxContext } from "./context";
import { GhlHttpError, badRequest, unauthorized, type RouteResponse } from "./http";
import type { LoggedRequest } from "./request-log";
import { Router, routeKey, type RouteMatch } from "./router";
import { KNOWN_VERSIONS } from "./types";

const MAX_BODY_BYTES = 1_000_000;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function sendResponse(res: ServerResponse, response: RouteResponse): void {
  if (res.headersSent || res.destroyed) return;
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  if (response.text !== undefined) {
    if (!res.hasHeader("content-type")) res.setHeader("content-type", "text/plain; charset=utf-8");
    res.writeHead(response.status).end(response.text);
    return;
  }
  if (response.body === undefined) {
    res.writeHead(response.status).end();
    return;
  }
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.writeHead(response.status).end(JSON.stringify(response.body));
}

function errorResponse(error: GhlHttpError, traceId: string): RouteResponse {
  return { status: error.status, body: { ...error.body, traceId }, headers: error.headers };
}

/**
 * Forced 5xx. 502 answers with an HTML page on purpose: in front of a real API the gateway,
 * not the application, produces 502s, and a client that JSON-parses every error body should
 * find out here.
 */
function serverErrorResponse(status: 500 | 502 | 503, traceId: string): RouteResponse {
  if (status === 502) {
    return { status, text: "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>", headers: { "content-type": "text/html" } };
  }
  const message = status === 500 ? "Internal server error" : "Service Unavailable";
  return { status, body: { statusCode: status, message, traceId } };
}

/**
 * 429 body and Retry-After: neither is documented by GHL (no 429 schema in any v2 spec,
 * reference §1.3). The body here is the sandbox's guess in GHL's error style; Retry-After is
 * only sent when the sandbox is configured to, so clients get tested with and without it.
 */
function tooManyRequests(ctx: SandboxContext, traceId: string, headers: Record<string, string>, retryAfterSec: number): RouteResponse {
  const withRetry = ctx.rateLimiter.settings.sendRetryAfter ? { ...headers, "retry-after": String(retryAfterSec) } : headers;
  return { status: 429, body: { statusCode: 429, message: "Too many requests", error: "Too Many Requests", traceId }, headers: withRetry };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

function resourceOf(token: { userType: string; companyId: string; locationId?: string }): string {
  return token.userType === "Location" && token.locationId ? `location:${token.locationId}` : `company:${token.companyId}`;
}

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startServer(ctx: SandboxContext, routes: Route[], options: { host: string; port: number }): Promise<RunningServer> {
  const router = new Router(routes);
  const stopping = new AbortController();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || stopping.signal.aborted) return resolve();
      const timer = setTimeout(resolve, ms);
      stopping.signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
    });

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    request: { url: URL; match: RouteMatch | undefined; entry: LoggedRequest; traceId: string },
  ): Promise<RouteResponse | "hang"> {
    const { url, match, entry, traceId } = request;
    const method = entry.method;
    const decision = ctx.faults.decide(method, url.pathname, url.searchParams);
    await wait(decision.latencyMs);
    if (stopping.signal.aborted) return "hang";
    if (decision.action) entry.fault = decision.action.kind;
    if (decision.action?.kind === "hang") return "hang";
    if (decision.action?.kind === "error") return serverErrorResponse(decision.action.status, traceId);
    if (decision.action?.kind === "rate-limit") return tooManyRequests(ctx, traceId, ctx.rateLimiter.exhaustedHeaders(), 1);

    if (!match) {
      return { status: 404, body: { statusCode: 404, message: `Cannot ${method} ${url.pathname}`, error: "Not Found", traceId } };
    }
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) return { status: 413, body: { statusCode: 413, message: "request entity too large", traceId } };
      throw error;
    }
    const contentType = String(req.headers["content-type"] ?? "");
    const requestContext: RequestContext = {
      sandbox: ctx,
      method,
      path: url.pathname,
      params: match.params,
      query: url.searchParams,
      headers: req.headers,
      traceId,
      jsonBody() {
        if (raw.length === 0) return {};
        try {
          return JSON.parse(raw.toString("utf8"));
        } catch (error) {
          throw badRequest(`Unexpected body: ${(error as Error).message}`);
        }
      },
      formBody() {
        // The reference documents only form encoding for the OAuth endpoints (gotcha §5.3);
        // whether GHL also takes JSON there is unconfirmed, so the sandbox refuses it.
        if (!contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
          throw badRequest("Content-Type must be application/x-www-form-urlencoded");
        }
        return new URLSearchParams(raw.toString("utf8"));
      },
    };

    const { route } = match;
    if (route.access === "public") return route.handle(requestContext);

    const token = ctx.oauth.lookup(bearerToken(req.headers.authorization) ?? "");
    if (!token) throw unauthorized();
    entry.resource = resourceOf(token);
    const limit = ctx.rateLimiter.take(entry.resource);
    for (const [name, value] of Object.entries(limit.headers)) res.setHeader(name, value);
    if (!limit.allowed) return tooManyRequests(ctx, traceId, {}, limit.retryAfterSec);

    if (!route.access.tokens.includes(token.userType)) {
      // A token of the wrong class (e.g. a Location token on an Agency-Access-Only route):
      // 401 or 403 and the message are unconfirmed; 401 groups it with the other token faults.
      throw unauthorized(`This route requires a ${route.access.tokens.join(" or ")} token; got a ${token.userType} token`);
    }
    if (ctx.settings.enforceScopes && !token.scopes.includes(route.access.scope)) {
      throw unauthorized(`The token is not authorized for this scope (needs ${route.access.scope})`);
    }
    const version = req.headers.version;
    // Real GHL: no header → 401 "version header was not found."; a version it knows (the
    // module's own, or 2023-02-21, which the official SDK sends on every call) is accepted;
    // anything else → 400.
    if (typeof version !== "string" || version === "") {
      throw new GhlHttpError(401, { statusCode: 401, message: "version header was not found.", error: "Unauthorized" });
    }
    if (!KNOWN_VERSIONS.includes(version)) throw badRequest(`Version ${version} is not a valid version`);
    // Opt-in: only the module's documented value, so a client that mixes them up fails here.
    if (ctx.settings.strictVersion && version !== route.access.version) {
      throw badRequest(`Version header ${version} is not valid for this endpoint; expected ${route.access.version}`);
    }
    const authed: AuthedContext = { ...requestContext, token };
    return route.handle(authed);
  }

  const server = createServer((req, res) => {
    const traceId = randomUUID();
    res.setHeader("x-trace-id", traceId);
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://sandbox.local");
    const pathname = url.pathname;
    const match = router.match(method, pathname);
    const entry = ctx.requests.start({ method, path: pathname, route: routeKey(method, match?.route.path ?? pathname) });
    res.on("finish", () => {
      entry.status = res.statusCode;
      entry.durationMs = Date.now() - entry.startedAt;
    });
    handle(req, res, { url, match, entry, traceId })
      .then((response) => {
        if (response !== "hang") sendResponse(res, response);
      })
      .catch((error: unknown) => {
        if (error instanceof GhlHttpError) return sendResponse(res, errorResponse(error, traceId));
        ctx.log(`GHL sandbox: unhandled error on ${method} ${pathname}`, error);
        sendResponse(res, { status: 500, body: { statusCode: 500, message: "Internal server error", traceId } });
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;

  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        stopping.abort();
        server.close(() => resolve());
        // Hanging requests and keep-alive sockets would otherwise hold close() open forever.
        server.closeAllConnections();
      }),
  };
}
