import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for an S3 endpoint on loopback, speaking the REST subset Sidecar's storage adapter
 * uses: PUT, GET, HEAD and DELETE of one object, path-style (`/<bucket>/<key>`). Every request
 * must be signed with AWS Signature Version 4 by the configured key pair, either in the
 * `Authorization` header (the SDK's own calls) or in the query string (presigned URLs, with
 * `X-Amz-Expires` enforced). The signature is recomputed from the canonical request as AWS
 * documents it, so a URL whose path, query, signed headers (content type, length) or expiry was
 * changed is refused with S3's `403 SignatureDoesNotMatch` / `AccessDenied` XML errors.
 * Objects live in memory. Like a bucket with a CORS configuration, it answers browsers' preflights
 * (OPTIONS) for the allowed origins (`corsOrigins`, default any) with PUT/GET/HEAD and the
 * Content-Type header, so a page can upload straight to it.
 */

export interface S3Object {
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: Date;
}

export interface S3Sandbox {
  url: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, S3Object>;
  /** Every request answered: method, key, status (for assertions on what reached the store). */
  requests: Array<{ method: string; key: string; status: number; auth: "header" | "query" | "none" }>;
  /** Moves the sandbox's clock (for expiry), in ms from the real one. */
  skewMs: number;
  stop(): Promise<void>;
}

const ALGORITHM = "AWS4-HMAC-SHA256";
const sha256Hex = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();

/** RFC 3986 encoding, as SigV4's canonical query string wants it. */
function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function parseAmzDate(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : null;
}

function errorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface SignatureParts {
  auth: "header" | "query";
  credential: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  payloadHash: string;
  expiresS: number | null;
}

function signatureParts(req: http.IncomingMessage, query: URLSearchParams): SignatureParts {
  const header = req.headers.authorization;
  if (header) {
    const m = /^AWS4-HMAC-SHA256 Credential=([^,]+),\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/.exec(header);
    if (!m) throw new S3Error(400, "AuthorizationHeaderMalformed", "The authorization header is malformed.");
    return {
      auth: "header",
      credential: m[1]!,
      signedHeaders: m[2]!.split(";"),
      signature: m[3]!,
      amzDate: String(req.headers["x-amz-date"] ?? ""),
      payloadHash: String(req.headers["x-amz-content-sha256"] ?? ""),
      expiresS: null,
    };
  }
  if (query.get("X-Amz-Algorithm") === ALGORITHM) {
    const expires = Number(query.get("X-Amz-Expires"));
    if (!Number.isInteger(expires) || expires < 1 || expires > 604_800) throw new S3Error(400, "AuthorizationQueryParametersError", "X-Amz-Expires must be between 1 and 604800 seconds.");
    return {
      auth: "query",
      credential: query.get("X-Amz-Credential") ?? "",
      signedHeaders: (query.get("X-Amz-SignedHeaders") ?? "").split(";"),
      signature: query.get("X-Amz-Signature") ?? "",
      amzDate: query.get("X-Amz-Date") ?? "",
      payloadHash: query.get("X-Amz-Content-Sha256") ?? "UNSIGNED-PAYLOAD",
      expiresS: expires,
    };
  }
  throw new S3Error(403, "AccessDenied", "Access Denied");
}

export async function startS3Sandbox(
  options: { bucket?: string; region?: string; accessKeyId?: string; secretAccessKey?: string; port?: number; corsOrigins?: string[] } = {},
): Promise<S3Sandbox> {
  const bucket = options.bucket ?? "sidecar-test";
  const region = options.region ?? "us-east-1";
  const accessKeyId = options.accessKeyId ?? "AKIASANDBOX00000000";
  const secretAccessKey = options.secretAccessKey ?? "sandbox-secret-access-key-0000000000000000";
  const objects = new Map<string, S3Object>();
  const requests: S3Sandbox["requests"] = [];

  const sandbox: S3Sandbox = { url: "", bucket, region, accessKeyId, secretAccessKey, objects, requests, skewMs: 0, stop: async () => {} };

  function verify(req: http.IncomingMessage, rawPath: string, query: URLSearchParams, body: Buffer): SignatureParts {
    const parts = signatureParts(req, query);
    const [keyId, date, credRegion, service, terminator] = parts.credential.split("/");
    if (keyId !== accessKeyId) throw new S3Error(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
    if (credRegion !== region || service !== "s3" || terminator !== "aws4_request") throw new S3Error(400, "AuthorizationHeaderMalformed", "The credential scope is wrong for this endpoint.");
    const signedAt = parseAmzDate(parts.amzDate);
    if (!signedAt || parts.amzDate.slice(0, 8) !== date) throw new S3Error(403, "AccessDenied", "X-Amz-Date is missing or does not match the credential scope.");
    const now = Date.now() + sandbox.skewMs;
    if (parts.expiresS !== null) {
      if (now > signedAt.getTime() + parts.expiresS * 1000) throw new S3Error(403, "AccessDenied", "Request has expired");
    } else if (Math.abs(now - signedAt.getTime()) > 15 * 60_000) {
      throw new S3Error(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.");
    }
    if (!parts.signedHeaders.includes("host")) throw new S3Error(403, "AccessDenied", "The host header must be signed.");
    const canonicalHeaders = parts.signedHeaders
      .map((name) => {
        const value = req.headers[name];
        if (value === undefined) throw new S3Error(403, "SignatureDoesNotMatch", `Signed header ${name} is missing.`);
        return `${name}:${(Array.isArray(value) ? value.join(",") : value).trim().replace(/\s+/g, " ")}\n`;
      })
      .join("");
    const canonicalQuery = [...query.entries()]
      .filter(([key]) => key !== "X-Amz-Signature")
      .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
      .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
      .map(([key, value]) => `${key}=${value}`)
      .join("&");
    const canonicalRequest = [req.method, rawPath, canonicalQuery, canonicalHeaders, parts.signedHeaders.join(";"), parts.payloadHash].join("\n");
    const scope = `${date}/${region}/s3/aws4_request`;
    const stringToSign = [ALGORITHM, parts.amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
    const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date!), region), "s3"), "aws4_request");
    const expected = hmac(signingKey, stringToSign).toString("hex");
    if (expected.length !== parts.signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(parts.signature))) {
      throw new S3Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    }
    if (parts.payloadHash !== "UNSIGNED-PAYLOAD" && parts.payloadHash !== sha256Hex(body)) {
      throw new S3Error(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    return parts;
  }

  const corsOrigins = options.corsOrigins ?? ["*"];
  const corsHeaders = (origin: string | undefined): Record<string, string> =>
    origin && (corsOrigins.includes("*") || corsOrigins.includes(origin)) ? { "Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": "ETag", Vary: "Origin" } : {};

  const server = http.createServer((req, res) => {
    if (req.method === "OPTIONS") {
      const cors = corsHeaders(req.headers.origin);
      const method = String(req.headers["access-control-request-method"] ?? "");
      if (!cors["Access-Control-Allow-Origin"] || !["PUT", "GET", "HEAD"].includes(method)) {
        res.writeHead(403, { "Content-Type": "application/xml" }).end(errorXml("AccessForbidden", "CORSResponse: This CORS request is not allowed."));
        return;
      }
      res.writeHead(200, { ...cors, "Access-Control-Allow-Methods": "PUT, GET, HEAD", "Access-Control-Allow-Headers": "content-type", "Access-Control-Max-Age": "600" }).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? "/", "http://sandbox");
      const rawPath = (req.url ?? "/").split("?")[0]!;
      const [, pathBucket, ...rest] = rawPath.split("/");
      const key = decodeURIComponent(rest.join("/"));
      let auth: "header" | "query" | "none" = "none";
      const answer = (status: number, headers: Record<string, string>, payload?: Buffer | string) => {
        requests.push({ method: req.method ?? "", key, status, auth });
        res.writeHead(status, { ...corsHeaders(req.headers.origin), ...headers });
        res.end(req.method === "HEAD" ? undefined : payload);
      };
      try {
        auth = verify(req, rawPath, url.searchParams, body).auth;
        if (pathBucket !== bucket) throw new S3Error(404, "NoSuchBucket", "The specified bucket does not exist");
        if (!key) throw new S3Error(400, "InvalidRequest", "This stand-in serves single objects only.");
        if (req.method === "PUT") {
          const declared = req.headers["content-length"];
          if (declared !== undefined && Number(declared) !== body.length) throw new S3Error(400, "IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header.");
          const etag = `"${createHash("md5").update(body).digest("hex")}"`;
          objects.set(key, { body, contentType: String(req.headers["content-type"] ?? "binary/octet-stream"), etag, lastModified: new Date() });
          return answer(200, { ETag: etag });
        }
        if (req.method === "GET" || req.method === "HEAD") {
          const object = objects.get(key);
          if (!object) throw new S3Error(404, "NoSuchKey", "The specified key does not exist.");
          return answer(
            200,
            {
              "Content-Type": object.contentType,
              "Content-Length": String(object.body.length),
              ETag: object.etag,
              "Last-Modified": object.lastModified.toUTCString(),
              ...(url.searchParams.get("response-content-disposition") ? { "Content-Disposition": url.searchParams.get("response-content-disposition")! } : {}),
            },
            object.body,
          );
        }
        if (req.method === "DELETE") {
          objects.delete(key);
          return answer(204, {});
        }
        throw new S3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
      } catch (err) {
        if (!(err instanceof S3Error)) throw err;
        answer(err.status, { "Content-Type": "application/xml" }, errorXml(err.code, err.message));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  sandbox.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sandbox.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sandbox;
}
