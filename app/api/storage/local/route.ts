import { env } from "@/lib/env";
import { readLocalObject, verifyLocalGrant, writeLocalObject } from "@/lib/storage/local";
import { MAX_FILE_BYTES } from "@/lib/storage/policy";

/**
 * The local storage driver's signed URLs (S3_BUCKET unset). Like a presigned S3 URL it needs no
 * session: the HMAC over operation, key, type, size and expiry is the permission, and a changed
 * or expired URL is refused with 403.
 */

function refuse(status: number, reason: string) {
  return Response.json({ error: reason }, { status, headers: { "Cache-Control": "no-store" } });
}

export async function PUT(request: Request): Promise<Response> {
  if (env.S3_BUCKET) return refuse(404, "Not found.");
  const check = verifyLocalGrant(env.BETTER_AUTH_SECRET, new URL(request.url).searchParams);
  if (!check.ok) return refuse(check.status, check.reason);
  if (check.grant.op !== "put") return refuse(403, "This file link is not valid for uploads.");
  const declared = Number(request.headers.get("content-length") ?? check.grant.size);
  if (declared !== check.grant.size || check.grant.size > MAX_FILE_BYTES) return refuse(403, "The file size differs from the one this link was signed for.");
  const body = Buffer.from(await request.arrayBuffer());
  const written = await writeLocalObject(env.STORAGE_LOCAL_DIR, check.grant, request.headers.get("content-type"), body);
  return written.status === 200 ? new Response(null, { status: 200 }) : refuse(written.status, written.reason ?? "Refused.");
}

export async function GET(request: Request): Promise<Response> {
  if (env.S3_BUCKET) return refuse(404, "Not found.");
  const check = verifyLocalGrant(env.BETTER_AUTH_SECRET, new URL(request.url).searchParams);
  if (!check.ok) return refuse(check.status, check.reason);
  if (check.grant.op !== "get") return refuse(403, "This file link is not valid for downloads.");
  return readLocalObject(env.STORAGE_LOCAL_DIR, check.grant);
}
