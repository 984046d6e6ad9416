import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { openSecret } from "@/lib/crypto";
import { forOrg, type OrgDb } from "@/lib/db";
import type { WebhookSpec } from "@/lib/entry/webhook-route";
import { applyBookingFacts, applyNoShow, type BookingFacts } from "@/lib/calcom/bookings";
import { sealContext } from "@/lib/calcom/connection";
import { unsafeFindCalcomHookTenant } from "@/lib/calcom/unsafe";
import { CALCOM_TRIGGERS } from "@/lib/calcom/versions";

/**
 * Cal.com webhooks. The URL Sidecar registered names its connection (`?hook=`), which gives the
 * tenant and the secret; X-Cal-Signature-256 must be the hex HMAC-SHA256 of the raw body with
 * that secret. Cal.com sends the literal `no-secret-provided` when a webhook has no secret:
 * refused, as is any payload claim about whose booking it is.
 */

export const NO_SECRET = "no-secret-provided";

export function calcomSignature(raw: Buffer | string, secret: string): string {
  return createHmac("sha256", secret).update(raw).digest("hex");
}

export function verifyCalcomSignature(raw: Buffer, header: string | null, secret: string): boolean {
  if (!header || header === NO_SECRET || !/^[0-9a-f]{64}$/i.test(header)) return false;
  const given = Buffer.from(header.toLowerCase(), "hex");
  const expected = Buffer.from(calcomSignature(raw, secret), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const ZAttendee = z.object({ email: z.string().default(""), name: z.string().default(""), phoneNumber: z.string().nullish() });

const ZBookingPayload = z.object({
  uid: z.string().min(1).max(200),
  eventTypeId: z.number().int().nullish(),
  title: z.string().default(""),
  startTime: z.iso.datetime({ offset: true }),
  endTime: z.iso.datetime({ offset: true }),
  attendees: z.array(ZAttendee).default([]),
  status: z.string().optional(),
  rescheduleUid: z.string().nullish(),
  requestReschedule: z.boolean().nullish(),
  responses: z.record(z.string(), z.unknown()).optional(),
});

const ZNoShowPayload = z.object({
  bookingUid: z.string().min(1).max(200),
  attendees: z.array(z.object({ email: z.string(), noShow: z.boolean() })).default([]),
});

const ZEnvelope = z.object({
  triggerEvent: z.string().min(1).max(64),
  createdAt: z.iso.datetime({ offset: true }),
  payload: z.record(z.string(), z.unknown()),
});

export type CalcomEvent =
  | { kind: "booking"; deliveryId: string; type: string; at: Date; facts: BookingFacts }
  | { kind: "no_show"; deliveryId: string; type: string; at: Date; uid: string; noShow: boolean }
  | { kind: "other"; deliveryId: string; type: string };

/** The phone an attendee gave, when the booking form asked for one. */
function responsePhone(responses: Record<string, unknown> | undefined): string | null {
  const value = responses?.attendeePhoneNumber ?? responses?.phone;
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as { value?: unknown }).value === "string") return (value as { value: string }).value;
  return null;
}

const STATUS_BY_TRIGGER: Record<string, BookingFacts["status"]> = {
  BOOKING_CREATED: "accepted",
  BOOKING_RESCHEDULED: "accepted",
  BOOKING_REQUESTED: "pending",
  BOOKING_CANCELLED: "cancelled",
  BOOKING_REJECTED: "rejected",
};

/**
 * Cal.com sends no delivery id, and signs no timestamp: a delivery is named by its trigger,
 * booking uid and creation time, so a redelivery of the same event is stored once.
 */
export function parseCalcomEvent(raw: string): CalcomEvent {
  const envelope = ZEnvelope.parse(JSON.parse(raw));
  const type = envelope.triggerEvent;
  const at = new Date(envelope.createdAt);
  if (type === "BOOKING_NO_SHOW_UPDATED") {
    const payload = ZNoShowPayload.parse(envelope.payload);
    return { kind: "no_show", deliveryId: `${type}:${payload.bookingUid}:${envelope.createdAt}`, type, at, uid: payload.bookingUid, noShow: payload.attendees.some((a) => a.noShow) };
  }
  const status = STATUS_BY_TRIGGER[type];
  if (!status || !(CALCOM_TRIGGERS as readonly string[]).includes(type)) {
    const uid = typeof envelope.payload.uid === "string" ? envelope.payload.uid : "-";
    return { kind: "other", deliveryId: `${type}:${uid}:${envelope.createdAt}`, type };
  }
  const payload = ZBookingPayload.parse(envelope.payload);
  const attendee = payload.attendees[0];
  const requestReschedule = type === "BOOKING_CANCELLED" && payload.requestReschedule === true;
  return {
    kind: "booking",
    deliveryId: `${type}:${payload.uid}:${envelope.createdAt}`,
    type,
    at,
    facts: {
      uid: payload.uid,
      fromUid: type === "BOOKING_RESCHEDULED" ? (payload.rescheduleUid ?? null) : null,
      eventTypeId: payload.eventTypeId ?? null,
      title: payload.title,
      start: new Date(payload.startTime),
      end: new Date(payload.endTime),
      status,
      rescheduleRequested: requestReschedule,
      attendee: attendee ? { name: attendee.name, email: attendee.email, phone: attendee.phoneNumber ?? responsePhone(payload.responses) } : undefined,
      at,
    },
  };
}

interface CalcomTenant {
  organizationId: string;
  connectionId: string;
}

async function hookFrom(url: URL) {
  const hookKey = url.searchParams.get("hook");
  if (!hookKey || hookKey.length > 64) return null;
  const tenant = await unsafeFindCalcomHookTenant(hookKey);
  if (!tenant) return null;
  const connection = await forOrg(tenant.organizationId).calcomConnection.findUnique({
    where: { hookKey },
    select: { id: true, organizationId: true, webhookSecretSealed: true },
  });
  return connection;
}

async function handleCalcomEvent(event: CalcomEvent, db: OrgDb): Promise<void> {
  if (event.kind === "other") return;
  if (event.kind === "no_show") {
    await applyNoShow(db, event.uid, event.noShow, event.at);
    return;
  }
  await applyBookingFacts(db, event.facts);
}

export const calcomWebhookSpec: WebhookSpec<CalcomEvent, CalcomTenant> = {
  source: "calcom",
  async verify(raw, headers, url) {
    const hook = await hookFrom(url);
    if (!hook) return false;
    const secret = openSecret(hook.webhookSecretSealed, sealContext(hook.organizationId, "webhook"));
    return verifyCalcomSignature(raw, headers.get("x-cal-signature-256"), secret);
  },
  parse: parseCalcomEvent,
  // Nothing in the delivery is signed but the body, and it carries no send time: a replay is
  // answered by the delivery claim and by the newer-fact-wins rule of applyBookingFacts.
  isFresh: () => true,
  async resolveTenant(_event, url) {
    const hook = await hookFrom(url);
    return hook ? { organizationId: hook.organizationId, connectionId: hook.id } : null;
  },
  handle: (event, db) => handleCalcomEvent(event, db),
};
