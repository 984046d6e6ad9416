import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";

/**
 * Better Auth's endpoints, limited to the ones the sign-in pages use. The organization plugin's
 * HTTP endpoints stay closed: team changes go through Sidecar's audited, rate-limited actions.
 */
const ALLOWED = new Set([
  "/email-otp/send-verification-otp",
  "/sign-in/email-otp",
  "/sign-in/social",
  "/callback/github",
  "/get-session",
  "/sign-out",
  "/error",
  "/ok",
]);

const handler = toNextJsHandler(auth);

function allowed(request: Request): boolean {
  const path = new URL(request.url).pathname.replace(/^\/api\/auth/, "").replace(/\/$/, "");
  return ALLOWED.has(path);
}

const notFound = () => Response.json({ error: "Not found" }, { status: 404 });

export async function GET(request: Request) {
  return allowed(request) ? handler.GET(request) : notFound();
}

export async function POST(request: Request) {
  return allowed(request) ? handler.POST(request) : notFound();
}
