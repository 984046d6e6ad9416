import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { openSecret, sealSecret } from "@/lib/crypto";
import type { OrgDb } from "@/lib/db";
import { env } from "@/lib/env";
import { NotFoundError, UserError } from "@/lib/errors";
import { log } from "@/lib/log";
import { calcomClient, CalcomHttpError, type CalcomClient } from "@/lib/calcom/api";
import { sealContext } from "@/lib/calcom/seal-context";
import { CALCOM_TRIGGERS } from "@/lib/calcom/versions";

/**
 * An agency's Cal.com connection: the API key and the webhook secret sealed at rest, the webhook
 * registered through /v2/webhooks at Sidecar's exact URL, and the agency's event types, each
 * mapped by an owner to a clinic (and optionally the GHL calendar it shares chairs with).
 */

export const CALCOM_DEFAULT_BASE_URL = "https://api.cal.com";

export { sealContext };

export const ZConnectCalcomInput = z.object({
  apiKey: z
    .string()
    .trim()
    .min(1, "Paste the API key")
    .max(200, "That is longer than any Cal.com API key")
    .regex(/^cal_(live_)?[A-Za-z0-9_-]+$/, "Cal.com API keys start with cal_live_ (or cal_ for test keys)"),
});

export const ZMapEventTypeInput = z.object({
  eventTypeId: z.coerce.number().int().positive(),
  /** Empty: the event type books for no clinic and its bookings are ignored. */
  locationId: z.string().trim().max(64).default(""),
  ghlCalendarId: z.string().trim().max(64).default(""),
});

export function calcomBaseUrl(): string {
  return env.CALCOM_API_BASE_URL ?? CALCOM_DEFAULT_BASE_URL;
}

/**
 * The URL Cal.com posts to. Cal.com does not follow redirects and disables a webhook after
 * repeated failures, so this must be the final address: APP_URL is the canonical origin.
 */
export function webhookUrl(hookKey: string): string {
  const url = new URL("/api/webhooks/calcom", env.APP_URL);
  url.searchParams.set("hook", hookKey);
  return url.toString();
}

export function clientForKey(apiKey: string): CalcomClient {
  return calcomClient({ baseUrl: calcomBaseUrl(), apiKey, timeoutMs: env.CALCOM_REQUEST_TIMEOUT_MS });
}

export class CalcomNotConnectedError extends UserError {
  static override readonly kind: string = "CalcomNotConnectedError";
  constructor() {
    super("calcom_not_connected", "Cal.com is not connected for this agency. An owner can connect it in Settings → Integrations.");
  }
}

/** A Cal.com failure as a sentence for the person who asked. */
export function calcomRefusal(err: unknown): UserError | null {
  if (!(err instanceof CalcomHttpError)) return null;
  if (err.status === 401 || err.status === 403) return new UserError("calcom_refused_key", "Cal.com no longer accepts this agency's API key. An owner can add a new one in Settings → Integrations.");
  if (err.status === 0 || err.status >= 500 || err.status === 429) return new UserError("calcom_unavailable", "Cal.com is not answering right now. Nothing was changed; please try again in a moment.");
  return new UserError("calcom_refused", `Cal.com refused the change: ${err.message}`);
}

export async function calcomFirst<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw calcomRefusal(err) ?? err;
  }
}

export async function findCalcomConnection(db: OrgDb) {
  return db.calcomConnection.findUnique({ where: { organizationId: db.organizationId } });
}

/** The agency's Cal.com client, with its key opened. */
export async function calcomClientFor(db: OrgDb): Promise<{ client: CalcomClient; connectionId: string }> {
  const connection = await findCalcomConnection(db);
  if (!connection) throw new CalcomNotConnectedError();
  return { client: clientForKey(openSecret(connection.apiKeySealed, sealContext(db.organizationId, "api-key"))), connectionId: connection.id };
}

/** Reads the account's event types into Sidecar, keeping the mappings of those that stay. */
export async function refreshEventTypes(db: OrgDb, client: CalcomClient, connectionId: string) {
  const eventTypes = await calcomFirst(() => client.listEventTypes());
  await db.transaction(async (tx) => {
    for (const type of eventTypes) {
      await tx.calcomEventType.upsert({
        where: { organizationId_eventTypeId: { organizationId: db.organizationId, eventTypeId: type.id } },
        create: { organizationId: db.organizationId, connectionId, eventTypeId: type.id, title: type.title, slug: type.slug, lengthInMinutes: type.lengthInMinutes },
        update: { connectionId, title: type.title, slug: type.slug, lengthInMinutes: type.lengthInMinutes },
      });
    }
    await tx.calcomEventType.deleteMany({ where: { eventTypeId: { notIn: eventTypes.map((t) => t.id) } } });
  });
  return eventTypes.length;
}

/**
 * Checks the key, registers Sidecar's webhook with a fresh secret, stores both sealed and reads
 * the event types. Replacing a key removes the webhook the old one registered.
 */
export async function connectCalcom(db: OrgDb, input: z.output<typeof ZConnectCalcomInput>, userId: string) {
  const client = clientForKey(input.apiKey);
  const me = await calcomFirst(() => client.me()).catch((err: unknown) => {
    if (err instanceof UserError && err.code === "calcom_refused_key") throw new UserError("calcom_bad_key", "Cal.com did not accept that API key. Check it was copied whole and has not expired.", "apiKey");
    throw err;
  });
  const previous = await findCalcomConnection(db);
  const secret = randomBytes(32).toString("hex");
  const hookKey = randomBytes(18).toString("base64url");
  const webhook = await calcomFirst(() => client.createWebhook({ subscriberUrl: webhookUrl(hookKey), secret, triggers: CALCOM_TRIGGERS }));
  const sealed = {
    apiKeySealed: sealSecret(input.apiKey, sealContext(db.organizationId, "api-key")),
    apiKeyHint: input.apiKey.slice(-4),
    accountEmail: me.email,
    webhookId: webhook.id,
    webhookSecretSealed: sealSecret(secret, sealContext(db.organizationId, "webhook")),
    hookKey,
    connectedByUserId: userId,
  };
  const connection = await db.calcomConnection.upsert({
    where: { organizationId: db.organizationId },
    create: { organizationId: db.organizationId, ...sealed },
    update: sealed,
  });
  if (previous?.webhookId) {
    try {
      const old = clientForKey(openSecret(previous.apiKeySealed, sealContext(db.organizationId, "api-key")));
      await old.deleteWebhook(previous.webhookId);
    } catch (err) {
      // Its secret is gone from Sidecar, so its deliveries fail the signature check and Cal.com disables it.
      log.warn({ err, organizationId: db.organizationId }, "old Cal.com webhook could not be removed");
    }
  }
  const eventTypes = await refreshEventTypes(db, client, connection.id);
  return { accountEmail: me.email, eventTypes };
}

export async function syncEventTypes(db: OrgDb) {
  const { client, connectionId } = await calcomClientFor(db);
  return { eventTypes: await refreshEventTypes(db, client, connectionId) };
}

export async function mapEventType(db: OrgDb, input: z.output<typeof ZMapEventTypeInput>) {
  const eventType = await db.calcomEventType.findUnique({ where: { organizationId_eventTypeId: { organizationId: db.organizationId, eventTypeId: input.eventTypeId } } });
  if (!eventType) throw new NotFoundError("That Cal.com event type is not in this agency's account.");
  const locationId = input.locationId || null;
  const ghlCalendarId = locationId ? input.ghlCalendarId || null : null;
  if (locationId) {
    const clinic = await db.location.findUnique({ where: { id: locationId }, select: { id: true } });
    if (!clinic) throw new UserError("invalid_input", "Choose one of the agency's clinics.", "locationId");
  }
  if (locationId && ghlCalendarId) {
    const calendar = await db.calendar.findUnique({ where: { locationId_ghlCalendarId: { locationId, ghlCalendarId } }, select: { id: true } });
    if (!calendar) throw new UserError("invalid_input", "Choose one of that clinic's calendars.", "ghlCalendarId");
  }
  await db.calcomEventType.update({ where: { id: eventType.id }, data: { locationId, ghlCalendarId } });
  return { eventTypeId: input.eventTypeId, locationId, ghlCalendarId };
}

/** Removes Sidecar's webhook from Cal.com and forgets the key. Appointments already stored stay. */
export async function disconnectCalcom(db: OrgDb) {
  const connection = await findCalcomConnection(db);
  if (!connection) throw new CalcomNotConnectedError();
  if (connection.webhookId) {
    try {
      await clientForKey(openSecret(connection.apiKeySealed, sealContext(db.organizationId, "api-key"))).deleteWebhook(connection.webhookId);
    } catch (err) {
      log.warn({ err, organizationId: db.organizationId }, "Cal.com webhook could not be removed on disconnect");
    }
  }
  await db.calcomConnection.delete({ where: { organizationId: db.organizationId } });
  return { disconnected: true };
}
