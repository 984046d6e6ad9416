import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_AGENCY } from "@/scripts/demo/data";
import { DEMO_CALCOM, demoCalcomBookings } from "@/scripts/demo/calcom";
import { encryptSecret, parseKeyring } from "@/lib/crypto/secrets";
import { sealContext } from "@/lib/calcom/seal-context";
import { CALCOM_TRIGGERS } from "@/lib/calcom/versions";
import { startCalcomSandbox } from "@/tests/sandboxes/calcom";

/**
 * Cal.com for local runs: the sandbox on loopback holding the Miami clinic's demo bookings, the
 * demo agency connected to it (key and webhook secret sealed, webhook registered at the app's
 * URL through the sandbox's /v2/webhooks), and its event types mapped to the Miami clinic.
 */
export async function startLocalCalcom(options: { port: number; appUrl: string; db: PrismaClient; encryptionKeys: string }) {
  const sandbox = await startCalcomSandbox({ port: options.port });
  const host = sandbox.addUser({ email: DEMO_CALCOM.email, username: DEMO_CALCOM.username, timeZone: DEMO_CALCOM.timeZone, apiKey: DEMO_CALCOM.apiKey });
  for (const type of DEMO_CALCOM.eventTypes) {
    sandbox.addEventType(host, { id: type.id, title: type.title, slug: type.slug, lengthInMinutes: type.lengthInMinutes, availability: { timeZone: DEMO_CALCOM.timeZone, days: [1, 2, 3, 4, 5, 6], from: "09:00", to: "18:00" } });
  }
  const demo = await options.db.organization.findUnique({ where: { id: DEMO_AGENCY.id } });
  if (demo) {
    for (const b of demoCalcomBookings(demo.createdAt)) {
      sandbox.seedBooking({
        uid: b.uid,
        eventTypeId: b.eventTypeId,
        start: b.start,
        attendee: { ...b.attendee, timeZone: DEMO_CALCOM.timeZone },
        status: b.status === "cancelled" || b.rescheduleRequested ? "cancelled" : b.status === "new" ? "pending" : "accepted",
        rescheduledFromUid: b.previousUids.at(-1),
        rescheduled: b.rescheduleRequested,
      });
    }
    const secret = randomBytes(32).toString("hex");
    const hookKey = randomBytes(18).toString("base64url");
    const url = new URL("/api/webhooks/calcom", options.appUrl);
    url.searchParams.set("hook", hookKey);
    const response = await fetch(`${sandbox.url}/v2/webhooks`, {
      method: "POST",
      headers: { authorization: `Bearer ${DEMO_CALCOM.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ subscriberUrl: url.toString(), secret, triggers: CALCOM_TRIGGERS, active: true }),
    });
    const { data } = (await response.json()) as { data: { id: string } };
    const keyring = parseKeyring(options.encryptionKeys);
    const sealed = {
      apiKeySealed: encryptSecret(DEMO_CALCOM.apiKey, sealContext(demo.id, "api-key"), keyring),
      apiKeyHint: DEMO_CALCOM.apiKey.slice(-4),
      accountEmail: DEMO_CALCOM.email,
      webhookId: data.id,
      webhookSecretSealed: encryptSecret(secret, sealContext(demo.id, "webhook"), keyring),
      hookKey,
    };
    const connection = await options.db.calcomConnection.upsert({ where: { organizationId: demo.id }, create: { organizationId: demo.id, ...sealed }, update: sealed });
    for (const type of DEMO_CALCOM.eventTypes) {
      await options.db.calcomEventType.upsert({
        where: { organizationId_eventTypeId: { organizationId: demo.id, eventTypeId: type.id } },
        create: { organizationId: demo.id, connectionId: connection.id, eventTypeId: type.id, title: type.title, slug: type.slug, lengthInMinutes: type.lengthInMinutes, locationId: DEMO_CALCOM.locationId, ghlCalendarId: type.ghlCalendarId },
        update: { connectionId: connection.id },
      });
    }
  }
  return { sandbox, env: { CALCOM_API_BASE_URL: sandbox.url } };
}
