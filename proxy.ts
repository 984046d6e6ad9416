import { NextResponse, type NextRequest } from "next/server";
import { getSessionCookie } from "better-auth/cookies";
import { isDevOnlyPath, securityHeaders, servedOverHttps } from "@/lib/security-headers";
import { storageOrigin } from "@/lib/storage/origin";

/**
 * Next's request proxy (the file Next 15 called middleware.ts): cheap checks only. A session
 * cookie must be present on signed-in areas (authorization itself happens in server code), and
 * every response gets the security headers.
 */
const SIGNED_IN_AREAS = ["/agency/", "/platform", "/select-agency", "/auth/continue", "/account"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const production = process.env.NODE_ENV === "production";
  const nonce = btoa(crypto.randomUUID());
  // HSTS follows the configured origin, not the protocol the request arrived on.
  const headers = securityHeaders(nonce, { production, https: servedOverHttps(process.env.APP_URL), storage: storageOrigin(process.env) });

  if (production && isDevOnlyPath(pathname)) {
    const response = new NextResponse("Not found", { status: 404, headers: { "content-type": "text/plain" } });
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }

  if (SIGNED_IN_AREAS.some((area) => pathname.startsWith(area)) && !getSessionCookie(request, { cookiePrefix: "sidecar" })) {
    const login = new URL("/login", request.url);
    login.searchParams.set("next", `${pathname}${search}`);
    const response = NextResponse.redirect(login);
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-sidecar-path", `${pathname}${search}`);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|icon.svg|favicon.ico).*)" }],
};
