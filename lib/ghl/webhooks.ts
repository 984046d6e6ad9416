import "server-only";
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import { systemDb } from "@/lib/db/system";
import type { OrgDb } from "@/lib/db";
import { env } from "@/lib/env";
import { locationApi } from "@/lib/ghl/api";
import { ZCalendarEvent, ZContact } from "@/lib/ghl/schemas";
import { markAppointmentsDeleted, markContactsDeleted, upsertAppointmentPage, upsertContactPage } from "@/lib/ghl/sync/upsert";
import type { WebhookSpec } from "@/lib/webhooks/webhook-route";

/**
 * GHL webhooks: Ed25519 signature in X-GHL-Signature over the raw body (reference §1.5),
 * a timestamp no older than five minutes, idempotency by webhookId, and the clinic taken from
 * Sidecar's own Location table, never from a claim in the payload alone.
 */

/** GHL's guidance: refuse payloads whose timestamp is more than ~5 minutes off. */
export const MAX_EVENT_AGE_MS = 5 * 60_000;

function parseKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith("-----BEGIN")) return createPublicKey(trimmed);
  return createPublicKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "spki" });
}

let keys: KeyObject[] | undefined;
/** Configured keys, several during a rotation (GHL announces rotations; keys live in config). */
function webhookKeys(): KeyObject[] {
  keys ??= env.GHL_WEBHOOK_PUBLIC_KEYS.split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map(parseKey);
  return keys;
}

export function verifyGhlSignature(raw: Buffer, signature: string | null, publicKeys: KeyObject[] = webhookKeys()): boolean {
  if (!signature) return false;
  const bytes = Buffer.from(signature, "base64");
  if (bytes.length !== 64) return false;
  return publicKeys.some((key) => verify(null, raw, key, bytes));
}

const ZBase = z.object({
  type: z.string().min(1).max(64),
  locationId: z.string().min(1).max(64),
  webhookId: z.string().min(1).max(128),
  timestamp: z.iso.datetime({ offset: true }),
});

const CONTACT_TYPES = ["ContactCreate", "ContactUpdate", "ContactTagUpdate", "ContactDndUpdate", "ContactDelete"] as const;
const APPOINTMENT_TYPES = ["AppointmentCreate", "AppointmentUpdate", "AppointmentDelete"] as const;

const ZContactEvent = ZBase.extend({ type: z.enum(CONTACT_TYPES) }).and(ZContact.omit({ locationId: true }));
const ZAppointmentEvent = ZBase.extend({
  type: z.enum(APPOINTMENT_TYPES),
  appointment: ZCalendarEvent.omit({ locationId: true }).extend({ locationId: z.string().optional() }),
});

export type GhlEvent =
  | (z.output<typeof ZContactEvent> & { kind: "contact" })
  | (z.output<typeof ZAppointmentEvent> & { kind: "appointment" })
  | (z.output<typeof ZBase> & { kind: "other" });

export function parseGhlEvent(raw: string): GhlEvent & { deliveryId: string } {
  const body: unknown = JSON.parse(raw);
  const base = ZBase.parse(body);
  const kind = (CONTACT_TYPES as readonly string[]).includes(base.type)
    ? { ...ZContactEvent.parse(body), kind: "contact" as const }
    : (APPOINTMENT_TYPES as readonly string[]).includes(base.type)
      ? { ...ZAppointmentEvent.parse(body), kind: "appointment" as const }
      : { ...base, kind: "other" as const };
  return { ...kind, deliveryId: base.webhookId };
}

/** Sidecar's clinic for a GHL location id: the only source of the tenant. */
export async function unsafeFindClinicByGhlLocation(ghlLocationId: string) {
  return systemDb("ghl.webhook-tenant").location.findUnique({ where: { ghlLocationId }, select: { id: true, organizationId: true } });
}

interface GhlTenant {
  organizationId: string;
  locationId: string;
  ghlLocationId: string;
}

/**
 * Applies one event. When an update carries the very dateUpdated already stored (GHL's
 * timestamps can be whole seconds), its order against the stored state is unknowable, so the
 * record is read from GHL instead: the current state settles it.
 */
async function handleGhlEvent(event: GhlEvent, db: OrgDb, ref: GhlTenant): Promise<void> {
  if (event.kind === "other") return;
  const at = new Date(event.timestamp);
  if (event.kind === "contact") {
    if (event.type === "ContactDelete") {
      await db.transaction((tx) => markContactsDeleted(tx, ref, [event.id], at));
      return;
    }
    const contact = { ...event, locationId: event.locationId };
    const changed = await db.transaction((tx) => upsertContactPage(tx, ref, [contact], { seenAt: at, source: "event" }));
    if (changed === 0 && contact.dateUpdated) {
      const stored = await db.contact.findFirst({ where: { locationId: ref.locationId, ghlContactId: contact.id }, select: { ghlUpdatedAt: true } });
      if (stored?.ghlUpdatedAt.getTime() === contact.dateUpdated.getTime()) {
        const { contact: current } = await clinicApi(db, ref).getContact(contact.id);
        await db.transaction((tx) => upsertContactPage(tx, ref, [current], { source: "read" }));
      }
    }
    return;
  }
  const appointment = { ...event.appointment, locationId: event.locationId };
  if (event.type === "AppointmentDelete") {
    await db.transaction((tx) => markAppointmentsDeleted(tx, ref, [appointment.id], at));
    return;
  }
  const changed = await db.transaction((tx) => upsertAppointmentPage(tx, ref, [appointment], { seenAt: at, source: "event" }));
  if (changed === 0 && appointment.dateUpdated) {
    const stored = await db.appointment.findFirst({
      where: { locationId: ref.locationId, provider: "ghl", externalId: appointment.id },
      select: { externalUpdatedAt: true },
    });
    if (stored?.externalUpdatedAt.getTime() === appointment.dateUpdated.getTime()) {
      const { event: current } = await clinicApi(db, ref).getAppointment(appointment.id);
      await db.transaction((tx) => upsertAppointmentPage(tx, ref, [current], { source: "read" }));
    }
  }
}

function clinicApi(db: OrgDb, ref: GhlTenant) {
  return locationApi(db.organizationId, { id: ref.locationId, ghlLocationId: ref.ghlLocationId });
}

export const ghlWebhookSpec: WebhookSpec<GhlEvent & { deliveryId: string }, GhlTenant> = {
  source: "ghl",
  verify: (raw, headers) => verifyGhlSignature(raw, headers.get("x-ghl-signature")),
  parse: parseGhlEvent,
  isFresh: (event, now) => Math.abs(now.getTime() - Date.parse(event.timestamp)) <= MAX_EVENT_AGE_MS,
  async resolveTenant(event) {
    const clinic = await unsafeFindClinicByGhlLocation(event.locationId);
    return clinic ? { organizationId: clinic.organizationId, locationId: clinic.id, ghlLocationId: event.locationId } : null;
  },
  handle: handleGhlEvent,
};
