import { createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { contentDisposition, type StorageDriver } from "@/lib/storage/driver";
import { isStorageKey } from "@/lib/storage/keys";

/**
 * The local driver: objects as files under one directory, reached only through
 * `/api/storage/local` with a URL Sidecar signed (HMAC-SHA256 over the operation, key, content
 * type, size and expiry). Like a presigned S3 URL, it works without a session and stops working
 * when it expires; changing any part of it breaks the signature.
 */

export const LOCAL_STORAGE_ROUTE = "/api/storage/local";

export interface LocalGrant {
  op: "put" | "get";
  key: string;
  /** put: the only type accepted; get: the type served. */
  type: string;
  /** put: the exact byte count accepted; get: 0. */
  size: number;
  /** get: the download's file name. */
  name: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

function mac(secret: string, grant: LocalGrant): string {
  return createHmac("sha256", `sidecar-local-storage:${secret}`)
    .update([grant.op, grant.key, grant.type, String(grant.size), grant.name, String(grant.exp)].join("\n"))
    .digest("base64url");
}

export function signLocalGrant(secret: string, grant: LocalGrant): string {
  const query = new URLSearchParams({ op: grant.op, key: grant.key, type: grant.type, size: String(grant.size), name: grant.name, exp: String(grant.exp), sig: mac(secret, grant) });
  return `${LOCAL_STORAGE_ROUTE}?${query.toString()}`;
}

export type GrantCheck = { ok: true; grant: LocalGrant } | { ok: false; status: 400 | 403; reason: string };

/** The grant a URL carries, when its signature is Sidecar's and it has not expired. */
export function verifyLocalGrant(secret: string, query: URLSearchParams, nowMs = Date.now()): GrantCheck {
  const op = query.get("op");
  const key = query.get("key") ?? "";
  const size = Number(query.get("size"));
  const exp = Number(query.get("exp"));
  if ((op !== "put" && op !== "get") || !isStorageKey(key) || !Number.isSafeInteger(size) || !Number.isSafeInteger(exp)) return { ok: false, status: 400, reason: "This file link is malformed." };
  const grant: LocalGrant = { op, key, type: query.get("type") ?? "", size, name: query.get("name") ?? "", exp };
  const expected = Buffer.from(mac(secret, grant));
  const given = Buffer.from(query.get("sig") ?? "");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, status: 403, reason: "This file link is not valid." };
  if (nowMs > exp * 1000) return { ok: false, status: 403, reason: "This file link has expired." };
  return { ok: true, grant };
}

interface Meta {
  contentType: string;
  size: number;
}

export function localDriver(options: { dir: string; secret: string }): StorageDriver {
  const root = path.resolve(options.dir);
  const fileOf = (key: string) => {
    if (!isStorageKey(key)) throw new Error("not a storage key");
    return path.join(root, ...key.split("/"));
  };
  return {
    name: "local",
    async signUpload(key, file, expiresInS) {
      const exp = Math.floor(Date.now() / 1000) + expiresInS;
      return { url: signLocalGrant(options.secret, { op: "put", key, type: file.contentType, size: file.size, name: "", exp }), method: "PUT", headers: { "Content-Type": file.contentType }, expiresAt: new Date(exp * 1000) };
    },
    async signDownload(key, { expiresInS, filename, contentType }) {
      return signLocalGrant(options.secret, { op: "get", key, type: contentType, size: 0, name: filename, exp: Math.floor(Date.now() / 1000) + expiresInS });
    },
    async head(key) {
      try {
        const meta = JSON.parse(await fs.readFile(`${fileOf(key)}.meta.json`, "utf8")) as Meta;
        const stat = await fs.stat(fileOf(key));
        return { size: stat.size, contentType: meta.contentType };
      } catch {
        return null;
      }
    },
    async delete(key) {
      await fs.rm(fileOf(key), { force: true });
      await fs.rm(`${fileOf(key)}.meta.json`, { force: true });
    },
  };
}

/** What the local route does with a verified upload: the body must be exactly what was signed. */
export async function writeLocalObject(dir: string, grant: LocalGrant, contentType: string | null, body: Buffer): Promise<{ status: number; reason?: string }> {
  if ((contentType ?? "").split(";")[0]!.trim().toLowerCase() !== grant.type) return { status: 403, reason: "The file type differs from the one this link was signed for." };
  if (body.length !== grant.size) return { status: 403, reason: "The file size differs from the one this link was signed for." };
  const file = path.join(path.resolve(dir), ...grant.key.split("/"));
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, body);
  await fs.writeFile(`${file}.meta.json`, JSON.stringify({ contentType: grant.type, size: body.length } satisfies Meta));
  return { status: 200 };
}

export async function readLocalObject(dir: string, grant: LocalGrant): Promise<Response> {
  const file = path.join(path.resolve(dir), ...grant.key.split("/"));
  try {
    const body = await fs.readFile(file);
    return new Response(new Uint8Array(body), {
      headers: { "Content-Type": grant.type, "Content-Length": String(body.length), "Content-Disposition": contentDisposition(grant.name), "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
    });
  } catch {
    return Response.json({ error: "That file was not found." }, { status: 404 });
  }
}
