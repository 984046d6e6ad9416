import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";
import { isServedAuthPath } from "@/lib/auth/endpoints";

/** Better Auth's endpoints, limited to the ones the sign-in pages use (lib/auth/endpoints.ts). */
const handler = toNextJsHandler(auth);

const allowed = (request: Request) => isServedAuthPath(new URL(request.url).pathname);
const notFound = () => Response.json({ error: "Not found" }, { status: 404 });

export async function GET(request: Request) {
  return allowed(request) ? handler.GET(request) : notFound();
}

export async function POST(request: Request) {
  return allowed(request) ? handler.POST(request) : notFound();
}
