import { createHash, createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for Upstash QStash on loopback: `POST /v2/publish/<destination URL>` with
 * `Authorization: Bearer <token>` answers `{ messageId }` and then delivers the body to the
 * destination, as QStash does, with `Upstash-Signature`: a JWT (HS256 with the current signing
 * key) whose claims are iss "Upstash", sub = the destination URL, iat/nbf/exp (5 minutes), jti and
 * body = base64url(SHA-256 of the body). A delivery answered with anything but 2xx is retried
 * up to `Upstash-Retries` times (default 3). `deliverTo` rewrites where a destination is reached
 * (the signed `sub` stays the published URL), so tests can serve the route on any port.
 */

export interface QstashDelivery {
  messageId: string;
  url: string;
  body: string;
  statuses: number[];
}

export interface QstashSandbox {
  url: string;
  token: string;
  currentSigningKey: string;
  nextSigningKey: string;
  deliveries: QstashDelivery[];
  /** Resolves when every published message has been delivered or given up on. */
  idle(): Promise<void>;
  /** A signature as QStash would make it (for tests of the receiving side). */
  sign(url: string, body: string, options?: { key?: string; expiresInS?: number }): string;
  stop(): Promise<void>;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

export function signQstashJwt(key: string, url: string, body: string, expiresInS = 300): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(
    JSON.stringify({
      iss: "Upstash",
      sub: url,
      exp: now + expiresInS,
      nbf: now,
      iat: now,
      jti: `jwt_${randomUUID().replaceAll("-", "")}`,
      body: createHash("sha256").update(body).digest("base64url"),
    }),
  );
  const signature = createHmac("sha256", key).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

export async function startQstashSandbox(
  options: { token?: string; currentSigningKey?: string; nextSigningKey?: string; deliverTo?: (url: string) => string; retryDelayMs?: number } = {},
): Promise<QstashSandbox> {
  const token = options.token ?? "qstash-sandbox-token";
  const currentSigningKey = options.currentSigningKey ?? "sig_sandbox_current";
  const nextSigningKey = options.nextSigningKey ?? "sig_sandbox_next";
  const deliveries: QstashDelivery[] = [];
  const inFlight = new Set<Promise<void>>();

  async function deliver(delivery: QstashDelivery, headers: Record<string, string>, retries: number) {
    for (let attempt = 0; attempt <= retries; attempt++) {
      let status = 0;
      try {
        const response = await fetch(options.deliverTo ? options.deliverTo(delivery.url) : delivery.url, {
          method: "POST",
          headers: {
            ...headers,
            "upstash-signature": signQstashJwt(currentSigningKey, delivery.url, delivery.body),
            "upstash-message-id": delivery.messageId,
            "upstash-retried": String(attempt),
          },
          body: delivery.body,
          redirect: "manual",
        });
        await response.arrayBuffer();
        status = response.status;
      } catch {
        status = 0;
      }
      delivery.statuses.push(status);
      if (status >= 200 && status < 300) return;
      await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 20));
    }
  }

  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: "Unauthorized" });
    const prefix = "/v2/publish/";
    if (req.method !== "POST" || !req.url?.startsWith(prefix)) return send(404, { error: "not found" });
    const destination = decodeURIComponent(req.url.slice(prefix.length));
    if (!/^https?:\/\//.test(destination)) return send(400, { error: "invalid destination url" });
    const forwarded: Record<string, string> = {};
    const contentType = req.headers["content-type"];
    if (typeof contentType === "string") forwarded["content-type"] = contentType;
    for (const [name, value] of Object.entries(req.headers)) {
      if (name.startsWith("upstash-forward-") && typeof value === "string") forwarded[name.slice("upstash-forward-".length)] = value;
    }
    const retries = Number(req.headers["upstash-retries"] ?? 3);
    const delivery: QstashDelivery = { messageId: `msg_${randomUUID()}`, url: destination, body: Buffer.concat(chunks).toString("utf8"), statuses: [] };
    deliveries.push(delivery);
    const p = deliver(delivery, forwarded, Number.isFinite(retries) ? retries : 3).finally(() => inFlight.delete(p));
    inFlight.add(p);
    send(201, { messageId: delivery.messageId, url: destination });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    currentSigningKey,
    nextSigningKey,
    deliveries,
    async idle() {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
    sign: (url, body, signOptions = {}) => signQstashJwt(signOptions.key ?? currentSigningKey, url, body, signOptions.expiresInS),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
