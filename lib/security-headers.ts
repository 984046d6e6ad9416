/**
 * The security headers of every response. Pure, so the proxy stays small and the policy is
 * unit-tested. Scripts need the per-request nonce; styles stay inline-friendly for Next.js.
 */
export function contentSecurityPolicy(nonce: string, { dev, storage = null }: { dev: boolean; storage?: string | null }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // Files go straight between the browser and the S3 bucket through signed URLs.
    `connect-src 'self'${storage ? ` ${storage}` : ""}${dev ? " ws:" : ""}`,
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * Whether the app is served over https, from its configured origin (APP_URL), never from the
 * socket: behind a TLS-terminating proxy the socket is plain http, and a client can claim
 * anything in its own headers.
 */
export function servedOverHttps(appUrl: string | undefined): boolean {
  try {
    return appUrl !== undefined && new URL(appUrl).protocol === "https:";
  } catch {
    return false;
  }
}

/** Development-only pages (/dev/*, such as the mailbox of sign-in codes) never exist in production. */
export function isDevOnlyPath(pathname: string): boolean {
  return pathname === "/dev" || pathname.startsWith("/dev/");
}

export function securityHeaders(nonce: string, { production, https, storage = null }: { production: boolean; https: boolean; storage?: string | null }): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(nonce, { dev: !production, storage }),
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  // Over plain http (local runs) HSTS would be ignored at best; on https in production, pin it.
  if (production && https) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains; preload";
  return headers;
}
