import "server-only";
import { ZodError } from "zod";
import { forOrg, type OrgDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { checkRateLimit, RATE_LIMITS } from "@/lib/ratelimit";
import { clientIpKey } from "@/lib/ratelimit/client-ip";

/**
 * The one pipeline every incoming webhook goes through:
 * rate limit → raw body (size-capped) → signature over the raw bytes → parse → freshness →
 * tenant from Sidecar's own records → claim the delivery (idempotency) → handle.
 * A bad signature stores nothing; a duplicate changes nothing; a failure on Sidecar's side
 * answers 429, the one status GHL retries.
 */

export const MAX_WEBHOOK_BYTES = 256 * 1024;

export interface WebhookEnvelope {
  /** The sender's delivery id (GHL webhookId). */
  deliveryId: string;
  type: string;
}

export interface WebhookSpec<E extends WebhookEnvelope, T extends { organizationId: string } = { organizationId: string }> {
  source: "ghl" | "calcom" | "stripe";
  verify(raw: Buffer, headers: Headers): boolean;
  parse(raw: string): E;
  /** False for an event too old to accept (a replay). */
  isFresh(event: E, now: Date): boolean;
  /** The organization the event belongs to, from Sidecar's records, or null when unknown. */
  resolveTenant(event: E): Promise<T | null>;
  handle(event: E, db: OrgDb, tenant: T): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readRawBody(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new BodyTooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}


const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status });

export function webhookRoute<E extends WebhookEnvelope, T extends { organizationId: string }>(
  spec: WebhookSpec<E, T>,
  options: { maxBytes?: number } = {},
) {
  const maxBytes = options.maxBytes ?? MAX_WEBHOOK_BYTES;
  return async function POST(request: Request): Promise<Response> {
    try {
      const limit = await checkRateLimit(RATE_LIMITS.webhook, `${spec.source}:${clientIpKey(request.headers)}`);
      if (!limit.allowed) return json(429, { error: "too many deliveries; retry later" });
    } catch (err) {
      log.error({ err, source: spec.source }, "webhook rate limit unavailable");
      return json(429, { error: "temporarily unavailable; retry later" });
    }

    let raw: Buffer;
    try {
      raw = await readRawBody(request, maxBytes);
    } catch (err) {
      if (err instanceof BodyTooLarge) return json(413, { error: `body larger than ${maxBytes} bytes` });
      throw err;
    }
    if (!spec.verify(raw, request.headers)) return json(401, { error: "invalid signature" });

    let event: E;
    try {
      event = spec.parse(raw.toString("utf8"));
    } catch (err) {
      if (err instanceof SyntaxError || err instanceof ZodError) return json(400, { error: "malformed event" });
      throw err;
    }
    if (!spec.isFresh(event, new Date())) return json(401, { error: "stale event" });

    let tenant: T | null;
    try {
      tenant = await spec.resolveTenant(event);
    } catch (err) {
      log.error({ err, source: spec.source }, "webhook tenant lookup failed");
      return json(429, { error: "temporarily unavailable; retry later" });
    }
    if (!tenant) {
      log.warn({ source: spec.source, deliveryId: event.deliveryId, type: event.type }, "webhook for an unknown tenant ignored");
      // 200 so the sender stops: the event can never be placed.
      return json(200, { ignored: "unknown tenant" });
    }
    const { organizationId } = tenant;
    const db = forOrg(organizationId);
    const claim = { source: spec.source, externalId: event.deliveryId };
    try {
      await db.webhookEvent.create({ data: { ...claim, organizationId, type: event.type } });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return json(200, { duplicate: true });
      log.error({ err, source: spec.source, deliveryId: event.deliveryId }, "webhook claim failed");
      return json(429, { error: "temporarily unavailable; retry later" });
    }

    try {
      await spec.handle(event, db, tenant);
      await db.webhookEvent.update({ where: { source_externalId: claim }, data: { processedAt: new Date() } });
      return json(200, { ok: true });
    } catch (err) {
      // Release the claim, so the sender's retry is handled from scratch.
      await db.webhookEvent.deleteMany({ where: claim }).catch(() => undefined);
      log.error({ err, source: spec.source, deliveryId: event.deliveryId, type: event.type }, "webhook handler failed");
      return json(429, { error: "could not process the event; retry later" });
    }
  };
}
