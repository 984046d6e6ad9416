import "server-only";
import { ZodError } from "zod";
import { forOrg, type OrgDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { checkRateLimit, RATE_LIMITS } from "@/lib/ratelimit";
import { clientIpKey } from "@/lib/ratelimit/client-ip";
import { storeInInbox, type InboxEntry, type WebhookSource } from "@/lib/webhooks/inbox-store";

/**
 * The one pipeline every incoming webhook goes through:
 * rate limit → raw body (size-capped) → signature over the raw bytes → parse → freshness →
 * tenant from Sidecar's own records → then one of two endings:
 * - inline (`handle`): claim the delivery (idempotency) → handle → answer;
 * - acknowledge first (`inbox`): claim the delivery and store the raw body in one INSERT into
 *   the webhook inbox → answer 2xx; a drain (lib/webhooks/inbox.ts) applies it afterwards.
 * A bad signature stores nothing; a duplicate changes nothing; a failure on Sidecar's side
 * answers 429 (GHL retries every non-2xx since 2026-04-30; Stripe and Cal.com retry too).
 */

export const MAX_WEBHOOK_BYTES = 256 * 1024;

export interface WebhookEnvelope {
  /** The sender's delivery id (GHL webhookId). */
  deliveryId: string;
  type: string;
}

interface WebhookSpecBase<E extends WebhookEnvelope, T extends { organizationId: string }> {
  source: WebhookSource;
  /** `url` is the request's own URL: a sender whose secret is per tenant (Cal.com) names it there. */
  verify(raw: Buffer, headers: Headers, url: URL): boolean | Promise<boolean>;
  parse(raw: string): E;
  /** False for an event too old to accept (a replay). Absent: the delivery-id claim alone guards replays. */
  isFresh?(event: E, now: Date): boolean;
  /** The organization the event belongs to, from Sidecar's records, or null when unknown. */
  resolveTenant(event: E, url: URL): Promise<T | null>;
  /** Called when Sidecar's records turned out not to hold the tenant any more (a cached lookup went stale). */
  forgetTenant?(event: E): void;
}

/** Handled within the request. */
export interface InlineWebhookSpec<E extends WebhookEnvelope, T extends { organizationId: string }> extends WebhookSpecBase<E, T> {
  handle(event: E, db: OrgDb, tenant: T): Promise<void>;
  inbox?: undefined;
}

/** Stored in the inbox within the request, applied by the drain. */
export interface InboxWebhookSpec<E extends WebhookEnvelope, T extends { organizationId: string }> extends WebhookSpecBase<E, T> {
  inbox: {
    /**
     * Applied within the request instead of stored (rare control events such as an app's
     * uninstall); true when it was. A failure answers 429 so the sender retries.
     */
    immediate?(event: E, db: OrgDb, tenant: T): Promise<boolean>;
    /** Where the event goes in the inbox, or null when the drain has nothing to do with it (answered 2xx, nothing stored). */
    entry(event: E, tenant: T): InboxEntry | null;
    /** After a new event was stored: start a drain (never awaited by the answer). */
    accepted?(clinic: { organizationId: string; locationId: string }): void;
  };
  handle?: undefined;
}

export type WebhookSpec<E extends WebhookEnvelope, T extends { organizationId: string } = { organizationId: string }> =
  | InlineWebhookSpec<E, T>
  | InboxWebhookSpec<E, T>;

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
    const url = new URL(request.url);
    let verified: boolean;
    try {
      verified = await spec.verify(raw, request.headers, url);
    } catch (err) {
      log.error({ err, source: spec.source }, "webhook signature check failed");
      return json(429, { error: "temporarily unavailable; retry later" });
    }
    if (!verified) return json(401, { error: "invalid signature" });

    let event: E;
    try {
      event = spec.parse(raw.toString("utf8"));
    } catch (err) {
      if (err instanceof SyntaxError || err instanceof ZodError) return json(400, { error: "malformed event" });
      throw err;
    }
    if (spec.isFresh && !spec.isFresh(event, new Date())) return json(401, { error: "stale event" });

    let tenant: T | null;
    try {
      tenant = await spec.resolveTenant(event, url);
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
    if (spec.inbox) return acknowledge(spec, event, tenant, db, raw);
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

async function acknowledge<E extends WebhookEnvelope, T extends { organizationId: string }>(
  spec: InboxWebhookSpec<E, T>,
  event: E,
  tenant: T,
  db: OrgDb,
  raw: Buffer,
): Promise<Response> {
  if (spec.inbox.immediate) {
    try {
      if (await spec.inbox.immediate(event, db, tenant)) return json(200, { ok: true });
    } catch (err) {
      log.error({ err, source: spec.source, deliveryId: event.deliveryId, type: event.type }, "webhook handler failed");
      return json(429, { error: "could not process the event; retry later" });
    }
  }
  const entry = spec.inbox.entry(event, tenant);
  if (!entry) return json(200, { ignored: "not an event Sidecar processes" });
  let outcome: Awaited<ReturnType<typeof storeInInbox>>;
  try {
    outcome = await storeInInbox(db, { source: spec.source, deliveryId: event.deliveryId, type: event.type, payload: raw.toString("utf8"), ...entry });
  } catch (err) {
    log.error({ err, source: spec.source, deliveryId: event.deliveryId }, "webhook inbox write failed");
    return json(429, { error: "temporarily unavailable; retry later" });
  }
  if (outcome === "duplicate") return json(200, { duplicate: true });
  if (outcome === "unknown-location") {
    spec.forgetTenant?.(event);
    log.warn({ source: spec.source, deliveryId: event.deliveryId, type: event.type }, "webhook for a removed clinic ignored");
    return json(200, { ignored: "unknown tenant" });
  }
  spec.inbox.accepted?.({ organizationId: tenant.organizationId, locationId: entry.locationId });
  return json(200, { accepted: true });
}
