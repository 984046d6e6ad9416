import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { sealSecret } from "@/lib/crypto";
import { sealContext } from "@/lib/calcom/connection";
import { calcomSignature } from "@/lib/calcom/webhooks";
import type { CrossTenantFeature, RouteCase, World } from "./types";

const CONNECT = "actions/calcom/connect-calcom.ts#connectCalcomAction";
const DISCONNECT = "actions/calcom/disconnect-calcom.ts#disconnectCalcomAction";
const MAP = "actions/calcom/map-event-type.ts#mapEventTypeAction";
const SYNC = "actions/calcom/sync-event-types.ts#syncEventTypesAction";
const BOOK = "actions/calcom/book-calcom-appointment.ts#bookCalcomAppointmentAction";
// The calendar's own actions, on Cal.com appointments (their cases add to the calendar feature's).
const RESCHEDULE = "actions/appointments/reschedule-appointment.ts#rescheduleAppointmentAction";
const CANCEL = "actions/appointments/cancel-appointment.ts#cancelAppointmentAction";
const SET_STATUS = "actions/appointments/set-appointment-status.ts#setAppointmentStatusAction";

const STRANGER = ["unauthenticated", "not_found"];

/** Each agency with a Cal.com connection (sealed key and secret), an event type mapped to its first clinic, and a Cal.com appointment. */
export const calcom: CrossTenantFeature = {
  async seed(agency) {
    const organizationId = agency.organization.id;
    const slug = agency.organization.slug;
    const apiKey = `cal_live_${randomBytes(12).toString("hex")}`;
    const secret = randomBytes(32).toString("hex");
    const hookKey = randomBytes(18).toString("base64url");
    const connection = await prisma.calcomConnection.create({
      data: {
        organizationId,
        apiKeySealed: sealSecret(apiKey, sealContext(organizationId, "api-key")),
        apiKeyHint: apiKey.slice(-4),
        webhookId: `hook-${slug}`,
        webhookSecretSealed: sealSecret(secret, sealContext(organizationId, "webhook")),
        hookKey,
      },
    });
    const eventTypeId = 500_000 + Math.floor(Math.random() * 400_000);
    await prisma.calcomEventType.create({
      data: { organizationId, connectionId: connection.id, eventTypeId, title: `SecretDrip ${slug}`, slug: `secret-drip-${slug}`, lengthInMinutes: 60, locationId: agency.clinics[0].id },
    });
    const appointment = await prisma.appointment.create({
      data: {
        organizationId,
        locationId: agency.clinics[0].id,
        provider: "calcom",
        externalId: `calcom-uid-${slug}`,
        calcomEventTypeId: eventTypeId,
        contactId: agency.contacts[0]!.id,
        title: `SecretCalcom ${slug}`,
        status: "confirmed",
        startTime: new Date("2030-02-01T16:00:00Z"),
        endTime: new Date("2030-02-01T17:00:00Z"),
        externalUpdatedAt: new Date(),
      },
    });
    // And one at the second clinic, which A's clinic staff member is not assigned to.
    const second = await prisma.appointment.create({
      data: {
        organizationId,
        locationId: agency.clinics[1].id,
        provider: "calcom",
        externalId: `calcom-uid2-${slug}`,
        calcomEventTypeId: eventTypeId,
        contactId: agency.contacts[1]!.id,
        status: "confirmed",
        startTime: new Date("2030-02-01T18:00:00Z"),
        endTime: new Date("2030-02-01T19:00:00Z"),
        externalUpdatedAt: new Date(),
      },
    });
    return { calcomApiKey: apiKey, calcomSecret: secret, calcomHookKey: hookKey, calcomEventTypeId: eventTypeId, calcomAppointmentId: appointment.id, calcomSecondClinicAppointmentId: second.id };
  },
  secrets: (_agency, extra) => [String(extra.calcomApiKey), String(extra.calcomSecret), String(extra.calcomHookKey), String(extra.calcomAppointmentId), String(extra.calcomSecondClinicAppointmentId)],
  snapshot: async (organizationId) => ({
    calcomAppointments: await prisma.appointment.findMany({ where: { organizationId, provider: "calcom" }, orderBy: { id: "asc" } }),
    calcomConnection: await prisma.calcomConnection.findUnique({ where: { organizationId } }),
    calcomEventTypes: await prisma.calcomEventType.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
  }),
  actions: {
    [CONNECT]: ({ A, B, action }: World) => [
      { who: "ownerA", attempt: "connect Cal.com for B", call: () => action(CONNECT)(B.organization.slug, { apiKey: "cal_live_attackerkey" }) },
      { who: "adminA", attempt: "admin connects Cal.com", call: () => action(CONNECT)(A.organization.slug, { apiKey: "cal_live_attackerkey" }), refusals: ["forbidden"] },
      { who: "staffA", attempt: "clinic staff connect Cal.com", call: () => action(CONNECT)(A.organization.slug, { apiKey: "cal_live_attackerkey" }), refusals: ["forbidden"] },
      { who: "outsider", attempt: "a stranger connects Cal.com for B", call: () => action(CONNECT)(B.organization.slug, { apiKey: "cal_live_attackerkey" }), refusals: STRANGER },
    ],
    [DISCONNECT]: ({ A, B, action }: World) => [
      { who: "ownerA", attempt: "disconnect B's Cal.com", call: () => action(DISCONNECT)(B.organization.slug, {}) },
      { who: "staffA", attempt: "clinic staff disconnect Cal.com", call: () => action(DISCONNECT)(A.organization.slug, {}), refusals: ["forbidden"] },
    ],
    [MAP]: ({ A, B, extra, action }: World) => [
      { who: "ownerA", attempt: "map B's event type through B", call: () => action(MAP)(B.organization.slug, { eventTypeId: extra.B.calcomEventTypeId, locationId: B.clinics[1].id }) },
      { who: "ownerA", attempt: "map B's event type through A", call: () => action(MAP)(A.organization.slug, { eventTypeId: extra.B.calcomEventTypeId, locationId: A.clinics[0].id }) },
      { who: "ownerA", attempt: "map A's event type to B's clinic", call: () => action(MAP)(A.organization.slug, { eventTypeId: extra.A.calcomEventTypeId, locationId: B.clinics[0].id }), refusals: ["invalid_input"] },
      { who: "adminA", attempt: "admin maps an event type", call: () => action(MAP)(A.organization.slug, { eventTypeId: extra.A.calcomEventTypeId, locationId: "" }), refusals: ["forbidden"] },
      { who: "staffA", attempt: "clinic staff maps an event type to the other clinic", call: () => action(MAP)(A.organization.slug, { eventTypeId: extra.A.calcomEventTypeId, locationId: A.clinics[1].id }), refusals: ["forbidden"] },
    ],
    [SYNC]: ({ A, B, action }: World) => [
      { who: "ownerA", attempt: "refresh B's event types", call: () => action(SYNC)(B.organization.slug, {}) },
      { who: "adminA", attempt: "admin refreshes event types", call: () => action(SYNC)(A.organization.slug, {}), refusals: ["forbidden"] },
      { who: "staffA", attempt: "clinic staff refreshes event types", call: () => action(SYNC)(A.organization.slug, {}), refusals: ["forbidden"] },
    ],
    [RESCHEDULE]: ({ A, B, extra, action }: World) => [
      { who: "adminA", attempt: "move B's Cal.com appointment through A", call: () => action(RESCHEDULE)(A.organization.slug, { appointmentId: extra.B.calcomAppointmentId, date: "2030-02-02", time: "10:00", durationMinutes: 60, overrideReason: "x" }) },
      { who: "ownerA", attempt: "move B's Cal.com appointment through B", call: () => action(RESCHEDULE)(B.organization.slug, { appointmentId: extra.B.calcomAppointmentId, date: "2030-02-02", time: "10:00", durationMinutes: 60 }) },
    ],
    [CANCEL]: ({ A, extra, action }: World) => [
      { who: "adminA", attempt: "cancel B's Cal.com appointment through A", call: () => action(CANCEL)(A.organization.slug, { appointmentId: extra.B.calcomAppointmentId }) },
      { who: "staffA", attempt: "clinic staff cancel a Cal.com appointment", call: () => action(CANCEL)(A.organization.slug, { appointmentId: extra.A.calcomAppointmentId }), refusals: ["forbidden"] },
    ],
    [SET_STATUS]: ({ A, extra, action }: World) => [
      { who: "staffA", attempt: "clinic staff check in B's Cal.com patient", call: () => action(SET_STATUS)(A.organization.slug, { appointmentId: extra.B.calcomAppointmentId, status: "showed" }) },
      { who: "staffA", attempt: "clinic staff check in a Cal.com patient at a clinic not theirs", call: () => action(SET_STATUS)(A.organization.slug, { appointmentId: extra.A.calcomSecondClinicAppointmentId, status: "noshow" }) },
    ],
    [BOOK]: ({ A, B, extra, action }: World) => {
      const when = { date: "2030-02-01", time: "10:00" };
      return [
        { who: "ownerA", attempt: "book at B's clinic through B", call: () => action(BOOK)(B.organization.slug, { locationId: B.clinics[0].id, eventTypeId: extra.B.calcomEventTypeId, contactId: B.contacts[0]!.id, ...when }) },
        { who: "adminA", attempt: "book at B's clinic through A", call: () => action(BOOK)(A.organization.slug, { locationId: B.clinics[0].id, eventTypeId: extra.B.calcomEventTypeId, contactId: B.contacts[0]!.id, ...when }) },
        { who: "adminA", attempt: "book B's event type at A's clinic", call: () => action(BOOK)(A.organization.slug, { locationId: A.clinics[0].id, eventTypeId: extra.B.calcomEventTypeId, contactId: A.contacts[0]!.id, ...when }), refusals: ["invalid_input"] },
        { who: "adminA", attempt: "book B's patient through A's event type", call: () => action(BOOK)(A.organization.slug, { locationId: A.clinics[0].id, eventTypeId: extra.A.calcomEventTypeId, contactId: B.contacts[0]!.id, ...when }), refusals: ["invalid_input"] },
        { who: "staffA", attempt: "clinic staff book through Cal.com", call: () => action(BOOK)(A.organization.slug, { locationId: A.clinics[0].id, eventTypeId: extra.A.calcomEventTypeId, contactId: A.contacts[0]!.id, ...when }), refusals: ["forbidden"] },
        { who: "outsider", attempt: "a stranger books through Cal.com", call: () => action(BOOK)(B.organization.slug, { locationId: B.clinics[0].id, eventTypeId: extra.B.calcomEventTypeId, contactId: B.contacts[0]!.id, ...when }), refusals: STRANGER },
      ];
    },
  },
  routes: {
    "app/api/webhooks/calcom/route.ts": ({ A, B, extra }): RouteCase[] => {
      const event = (eventTypeId: unknown, uid: string) =>
        JSON.stringify({
          triggerEvent: "BOOKING_CANCELLED",
          createdAt: new Date().toISOString(),
          payload: { uid, eventTypeId, title: "x", startTime: "2030-02-01T16:00:00Z", endTime: "2030-02-01T17:00:00Z", attendees: [{ email: B.contacts[0]!.email, name: "x" }], organizationId: B.organization.id, locationId: B.clinics[0].id },
        });
      const post = (hookKey: unknown, body: string, signature: string) =>
        new Request(`http://localhost:3000/api/webhooks/calcom?hook=${String(hookKey)}`, { method: "POST", headers: { "content-type": "application/json", "x-cal-signature-256": signature }, body });
      const theirs = event(extra.B.calcomEventTypeId, `calcom-uid-${B.organization.slug}`);
      return [
        { who: "outsider", attempt: "cancel B's booking with no secret", request: () => post(extra.B.calcomHookKey, theirs, "no-secret-provided"), statuses: [401] },
        { who: "staffA", attempt: "clinic staff cancels a booking unsigned", request: () => post(extra.A.calcomHookKey, event(extra.A.calcomEventTypeId, `calcom-uid-${A.organization.slug}`), "no-secret-provided"), statuses: [401] },
        { who: "outsider", attempt: "cancel B's booking signed with A's secret at B's URL", request: () => post(extra.B.calcomHookKey, theirs, calcomSignature(theirs, String(extra.A.calcomSecret))), statuses: [401] },
        { who: "ownerA", attempt: "cancel B's booking through A's own webhook", request: () => post(extra.A.calcomHookKey, theirs, calcomSignature(theirs, String(extra.A.calcomSecret))), statuses: [200] },
        { who: "outsider", attempt: "unknown hook", request: () => post("nope", theirs, calcomSignature(theirs, String(extra.B.calcomSecret)).replace(/^./, "0")), statuses: [401] },
      ];
    },
    "app/api/cron/calcom-reconcile/route.ts": ({ sessions }) => [
      { who: "ownerA", attempt: "run the Cal.com reconciliation with a session", request: () => new Request("http://localhost:3000/api/cron/calcom-reconcile", { headers: sessions.ownerA }), statuses: [401] },
      { who: "outsider", attempt: "run the Cal.com reconciliation without the cron secret", request: () => new Request("http://localhost:3000/api/cron/calcom-reconcile"), statuses: [401] },
      { who: "staffA", attempt: "run the Cal.com reconciliation as clinic staff", request: () => new Request("http://localhost:3000/api/cron/calcom-reconcile", { headers: sessions.staffA }), statuses: [401] },
    ],
  },
};
