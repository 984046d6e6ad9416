import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GhlSandbox } from "../sandboxes/ghl";
import type { CalcomSandbox, SandboxEventType, SandboxUser } from "../sandboxes/calcom";
import { prisma, resetDatabase } from "../support/db";
import { seedOrg } from "../support/factories";
import { connectAgency, resetGhlTransport, seedClinic, startSuiteSandbox } from "../support/ghl";
import { retargetWebhooks, startSuiteCalcom } from "../support/calcom";
import { serveRoute } from "../support/serve-route";
import { forOrg, type OrgDb } from "@/lib/db";
import { env } from "@/lib/env";
import { syncLocation } from "@/lib/ghl/sync/sync-location";
import { addDays } from "@/lib/calendar/views";
import { bookAppointmentForMember, cancelAppointmentForMember, rescheduleAppointmentForMember } from "@/lib/calendar/appointments";
import { connectCalcom, disconnectCalcom, mapEventType } from "@/lib/calcom/connection";
import { bookCalcomForMember, loadCalcomSlots } from "@/lib/calcom/scheduling";
import { reconcileCalcom } from "@/lib/calcom/reconcile";
import { calcomSignature } from "@/lib/calcom/webhooks";
import { doubleBookingDetector } from "@/lib/calcom/double-booking-detector";
import { doubleBookedIds } from "@/lib/calcom/overlap";
import { CALCOM_API_VERSIONS } from "@/lib/calcom/versions";
import { zonedDateKey, zonedWallTime } from "@/lib/time/zoned";
import { POST as calcomWebhook } from "@/app/api/webhooks/calcom/route";

const ZONE = "America/Chicago";

let ghl: GhlSandbox;
let cal: CalcomSandbox;
let served: Awaited<ReturnType<typeof serveRoute>>;

interface Agency {
  orgId: string;
  db: OrgDb;
  ctx: { db: OrgDb; clinicIds: null };
  clinicId: string;
  ghlCalendarId: string;
  host: SandboxUser;
  type: SandboxEventType;
  contact: { id: string; email: string };
}

async function setUpAgency(label: string): Promise<Agency> {
  const org = await seedOrg();
  const companyId = `company-${label}-${org.id.slice(-6)}`;
  ghl.seedCompany({ id: companyId });
  await connectAgency(ghl, org.id, companyId);
  const clinic = await seedClinic(ghl, org.id, { contacts: 2, calendars: 1, timezone: ZONE, companyId });
  await syncLocation(clinic.clinic, { budgetMs: 30_000 });
  const db = forOrg(org.id);
  const calendar = await prisma.calendar.findFirstOrThrow({ where: { locationId: clinic.location.id } });
  const contact = await prisma.contact.findFirstOrThrow({ where: { locationId: clinic.location.id, email: { not: null } } });
  const host = cal.addUser({ email: `host-${label}@clinic.example`, timeZone: ZONE });
  const type = cal.addEventType(host, { title: `IV Drip ${label}`, lengthInMinutes: 60, availability: { timeZone: ZONE, days: [0, 1, 2, 3, 4, 5, 6], from: "09:00", to: "17:00" } });
  await connectCalcom(db, { apiKey: host.apiKey }, "user-1");
  retargetWebhooks(cal, served.url);
  await mapEventType(db, { eventTypeId: type.id, locationId: clinic.location.id, ghlCalendarId: calendar.ghlCalendarId });
  return { orgId: org.id, db, ctx: { db, clinicIds: null }, clinicId: clinic.location.id, ghlCalendarId: calendar.ghlCalendarId, host, type, contact: { id: contact.id, email: contact.email! } };
}

/** A day well ahead, so every hour of it is still bookable. */
const day = () => addDays(zonedDateKey(new Date(), ZONE), 3);
const at = (time: string) => zonedWallTime(ZONE, day(), time);

async function calcomRows(orgId: string) {
  return prisma.appointment.findMany({ where: { organizationId: orgId, provider: "calcom" }, orderBy: { createdAt: "asc" } });
}

beforeAll(async () => {
  ghl = await startSuiteSandbox();
  cal = await startSuiteCalcom({ disableAfterFailures: 3 });
  served = await serveRoute((request) => calcomWebhook(request));
});
afterAll(async () => {
  await cal.stop();
  await ghl.stop();
  await served.close();
});

let A: Agency;
beforeEach(async () => {
  await resetDatabase();
  resetGhlTransport();
  A = await setUpAgency("a");
});
afterEach(async () => {
  cal.mute(false);
  // Deliveries still in flight would land in the next test's freshly emptied database.
  await cal.flush();
});

describe("connect", () => {
  it("stores the key and webhook secret sealed, registers the exact webhook URL, and lists the event types", async () => {
    const connection = await prisma.calcomConnection.findUniqueOrThrow({ where: { organizationId: A.orgId } });
    expect(connection.apiKeySealed).not.toContain(A.host.apiKey);
    expect(connection.apiKeyHint).toBe(A.host.apiKey.slice(-4));
    const hook = cal.webhooks.get(connection.webhookId!)!;
    expect(hook.active).toBe(true);
    expect(hook.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(connection.webhookSecretSealed).not.toContain(hook.secret!);
    expect(hook.triggers).toEqual(expect.arrayContaining(["BOOKING_CREATED", "BOOKING_RESCHEDULED", "BOOKING_CANCELLED", "BOOKING_REQUESTED", "BOOKING_REJECTED", "BOOKING_NO_SHOW_UPDATED"]));
    // Registered at APP_URL exactly (retargeted to the test server only afterwards).
    const registered = cal.requests.find((r) => r.method === "POST" && r.path === "/v2/webhooks");
    expect(registered).toBeDefined();
    expect(hook.subscriberUrl).toBe(`${served.url}/api/webhooks/calcom?hook=${connection.hookKey}`);
    expect(new URL(env.APP_URL).origin).not.toBe(served.url);
    const types = await prisma.calcomEventType.findMany({ where: { organizationId: A.orgId } });
    expect(types.map((t) => t.eventTypeId)).toEqual([A.type.id]);
    expect(types[0]).toMatchObject({ locationId: A.clinicId, ghlCalendarId: A.ghlCalendarId, lengthInMinutes: 60 });
  });

  it("refuses a key Cal.com does not know, and stores nothing", async () => {
    await resetDatabase();
    const org = await seedOrg();
    await expect(connectCalcom(forOrg(org.id), { apiKey: "cal_live_notarealkey" }, "u")).rejects.toMatchObject({ code: "calcom_bad_key", field: "apiKey" });
    expect(await prisma.calcomConnection.count()).toBe(0);
  });

  it("sends each endpoint's cal-api-version from the one map", async () => {
    await loadCalcomSlots(A.db, { id: A.clinicId, timezone: ZONE }, A.type.id, day());
    await bookCalcomForMember(A.ctx, { locationId: A.clinicId, eventTypeId: A.type.id, contactId: A.contact.id, date: day(), time: "10:00" });
    await reconcileCalcom(A.db, { budgetMs: 10_000 });
    const seen = (method: string, path: string) => cal.requests.filter((r) => r.method === method && r.path === path).map((r) => r.version);
    expect(new Set(seen("GET", "/v2/slots"))).toEqual(new Set([CALCOM_API_VERSIONS["GET /v2/slots"]]));
    expect(new Set(seen("POST", "/v2/bookings"))).toEqual(new Set([CALCOM_API_VERSIONS["POST /v2/bookings"]]));
    expect(new Set(seen("GET", "/v2/bookings"))).toEqual(new Set([CALCOM_API_VERSIONS["GET /v2/bookings"]]));
    expect(new Set(seen("GET", "/v2/event-types"))).toEqual(new Set([CALCOM_API_VERSIONS["GET /v2/event-types"]]));
  });

  it("disconnecting removes Sidecar's webhook from Cal.com and keeps the appointments", async () => {
    await bookCalcomForMember(A.ctx, { locationId: A.clinicId, eventTypeId: A.type.id, contactId: A.contact.id, date: day(), time: "10:00" });
    const { webhookId } = await prisma.calcomConnection.findUniqueOrThrow({ where: { organizationId: A.orgId } });
    await disconnectCalcom(A.db);
    expect(cal.webhooks.has(webhookId!)).toBe(false);
    expect(await prisma.calcomEventType.count({ where: { organizationId: A.orgId } })).toBe(0);
    expect(await calcomRows(A.orgId)).toHaveLength(1);
  });
});

describe("booking from Sidecar", () => {
  it("shows Cal.com's free slots in the clinic's zone and books one", async () => {
    const slots = await loadCalcomSlots(A.db, { id: A.clinicId, timezone: ZONE }, A.type.id, day());
    expect(slots.ok).toBe(true);
    if (!slots.ok) return;
    expect(slots.slots[0]).toMatchObject({ time: "09:00" });
    expect(slots.slots.map((s) => s.time)).toContain("16:00");
    expect(slots.slots).toHaveLength(8);

    const { appointmentId } = await bookCalcomForMember(A.ctx, { locationId: A.clinicId, eventTypeId: A.type.id, contactId: A.contact.id, date: day(), time: "10:00" });
    const row = await prisma.appointment.findUniqueOrThrow({ where: { id: appointmentId } });
    expect(row).toMatchObject({ provider: "calcom", locationId: A.clinicId, contactId: A.contact.id, status: "confirmed", calendarId: A.ghlCalendarId, calcomEventTypeId: A.type.id });
    expect(row.startTime.toISOString()).toBe(at("10:00").toISOString());
    expect(row.endTime.toISOString()).toBe(at("11:00").toISOString());
    expect(cal.bookings.get(row.externalId)).toMatchObject({ status: "accepted" });
    // The BOOKING_CREATED webhook for the same booking lands on the same row.
    await cal.flush();
    expect(await calcomRows(A.orgId)).toHaveLength(1);
    const after = await loadCalcomSlots(A.db, { id: A.clinicId, timezone: ZONE }, A.type.id, day());
    expect(after.ok && after.slots.map((s) => s.time)).not.toContain("10:00");
  });

  it("reschedules: Cal.com makes a new uid, Sidecar keeps one appointment and its chain", async () => {
    const { appointmentId } = await bookCalcomForMember(A.ctx, { locationId: A.clinicId, eventTypeId: A.type.id, contactId: A.contact.id, date: day(), time: "10:00" });
    const first = await prisma.appointment.findUniqueOrThrow({ where: { id: appointmentId } });
    await cal.flush();
    await rescheduleAppointmentForMember(A.ctx, { appointmentId, date: day(), time: "14:00", durationMinutes: 60, allowConflict: false });
    await cal.flush();
    const rows = await calcomRows(A.orgId);
    expect(rows).toHaveLength(1);
    const moved = rows[0]!;
    expect(moved.id).toBe(appointmentId);
    expect(moved.externalId).not.toBe(first.externalId);
    expect(moved.previousExternalIds).toEqual([first.externalId]);
    expect(moved.status).toBe("confirmed");
    expect(moved.startTime.toISOString()).toBe(at("14:00").toISOString());
    expect(cal.bookings.get(first.externalId)).toMatchObject({ status: "cancelled", rescheduledToUid: moved.externalId });
  });

  it("a reschedule made in Cal.com arrives by webhook and moves the same row", async () => {
    const booking = cal.patientBooks(A.type.id, at("11:00"), { name: "Rosa Diaz", email: A.contact.email, timeZone: ZONE });
    await cal.flush();
    const [created] = await calcomRows(A.orgId);
    expect(created).toMatchObject({ externalId: booking.uid, contactId: A.contact.id });
    const fresh = cal.reschedule(booking.uid, at("15:00"));
    await cal.flush();
    const rows = await calcomRows(A.orgId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: created!.id, externalId: fresh.uid, previousExternalIds: [booking.uid] });
  });

  it("cancels through Cal.com", async () => {
    const { appointmentId } = await bookCalcomForMember(A.ctx, { locationId: A.clinicId, eventTypeId: A.type.id, contactId: A.contact.id, date: day(), time: "10:00" });
    await cancelAppointmentForMember(A.ctx, appointmentId);
    await cal.flush();
    const row = await prisma.appointment.findUniqueOrThrow({ where: { id: appointmentId } });
    expect(row.status).toBe("cancelled");
    expect(cal.bookings.get(row.externalId)?.status).toBe("cancelled");
  });
});

describe("webhooks", () => {
  it("matches the patient by email, or creates the contact in GHL", async () => {
    cal.patientBooks(A.type.id, at("09:00"), { name: "Known Patient", email: A.contact.email.toUpperCase(), timeZone: ZONE });
    cal.patientBooks(A.type.id, at("12:00"), { name: "Nadia Brooks", email: "nadia.brooks@example.com", timeZone: ZONE, phoneNumber: "+15125550142" });
    await cal.flush();
    const rows = await calcomRows(A.orgId);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.startTime.getTime() === at("09:00").getTime())?.contactId).toBe(A.contact.id);
    const created = await prisma.contact.findUniqueOrThrow({ where: { id: rows.find((r) => r.startTime.getTime() === at("12:00").getTime())!.contactId! } });
    expect(created).toMatchObject({ firstName: "Nadia", lastName: "Brooks", email: "nadia.brooks@example.com", locationId: A.clinicId });
    expect(ghl.store.getContact(created.ghlContactId)).toMatchObject({ email: "nadia.brooks@example.com" });
  });

  it("a cancellation that requests a reschedule is not a cancellation", async () => {
    const booking = cal.patientBooks(A.type.id, at("13:00"), { name: "Rosa Diaz", email: A.contact.email, timeZone: ZONE });
    await cal.flush();
    cal.requestReschedule(booking.uid);
    await cal.flush();
    const [row] = await calcomRows(A.orgId);
    expect(row!.status).toBe("confirmed");
    expect(row!.rescheduleRequestedAt).not.toBeNull();
    // …and reconciliation reads it the same way from the bookings list.
    await prisma.appointment.update({ where: { id: row!.id }, data: { rescheduleRequestedAt: null, externalUpdatedAt: new Date(0) } });
    await reconcileCalcom(A.db, { budgetMs: 10_000 });
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({ status: "confirmed", rescheduleRequestedAt: expect.any(Date) });
  });

  it("handles requested, rejected and no-show updates", async () => {
    const confirmType = cal.addEventType(A.host, { title: "Consult", lengthInMinutes: 30, requiresConfirmation: true });
    await prisma.calcomEventType.create({ data: { organizationId: A.orgId, connectionId: (await prisma.calcomConnection.findUniqueOrThrow({ where: { organizationId: A.orgId } })).id, eventTypeId: confirmType.id, title: "Consult", slug: "consult", lengthInMinutes: 30, locationId: A.clinicId } });
    const pending = cal.patientBooks(confirmType.id, at("09:00"), { name: "Rosa Diaz", email: A.contact.email, timeZone: ZONE });
    await cal.flush();
    expect((await calcomRows(A.orgId))[0]).toMatchObject({ externalId: pending.uid, status: "new", calendarId: null });
    cal.reject(pending.uid);
    await cal.flush();
    expect((await calcomRows(A.orgId))[0]!.status).toBe("invalid");

    const booking = cal.patientBooks(A.type.id, at("15:00"), { name: "Rosa Diaz", email: A.contact.email, timeZone: ZONE });
    await cal.flush();
    cal.markNoShow(booking.uid);
    await cal.flush();
    expect((await prisma.appointment.findFirstOrThrow({ where: { externalId: booking.uid } })).status).toBe("noshow");
  });

  it("stores nothing for a bad signature or no-secret-provided, and a duplicate once", async () => {
    const { hookKey } = await prisma.calcomConnection.findUniqueOrThrow({ where: { organizationId: A.orgId } });
    const secret = [...cal.webhooks.values()].find((h) => h.subscriberUrl.includes(hookKey))!.secret!;
    const body = JSON.stringify({
      triggerEvent: "BOOKING_CREATED",
      createdAt: new Date().toISOString(),
      payload: { uid: "forged-uid", eventTypeId: A.type.id, title: "x", startTime: at("10:00").toISOString(), endTime: at("11:00").toISOString(), attendees: [{ email: A.contact.email, name: "R" }] },
    });
    const post = (signature: string, query = `hook=${hookKey}`) =>
      fetch(`${served.url}/api/webhooks/calcom?${query}`, { method: "POST", headers: { "content-type": "application/json", "x-cal-signature-256": signature }, body });
    expect((await post("no-secret-provided")).status).toBe(401);
    expect((await post(calcomSignature(body, "wrong-secret"))).status).toBe(401);
    expect((await post(calcomSignature(body, secret), "hook=unknown")).status).toBe(401);
    expect(await prisma.webhookEvent.count()).toBe(0);
    expect(await calcomRows(A.orgId)).toHaveLength(0);

    expect((await post(calcomSignature(body, secret))).status).toBe(200);
    const again = await post(calcomSignature(body, secret));
    expect(await again.json()).toEqual({ duplicate: true });
    expect(await calcomRows(A.orgId)).toHaveLength(1);
    expect(await prisma.webhookEvent.count({ where: { source: "calcom" } })).toBe(1);
  });

  it("a webhook for one agency cannot write another's rows", async () => {
    const B = await setUpAgency("b");
    // Signed with A's own secret and sent to A's URL, but naming B's event type and clinic.
    const { hookKey } = await prisma.calcomConnection.findUniqueOrThrow({ where: { organizationId: A.orgId } });
    const secret = [...cal.webhooks.values()].find((h) => h.subscriberUrl.includes(hookKey))!.secret!;
    const body = JSON.stringify({
      triggerEvent: "BOOKING_CREATED",
      createdAt: new Date().toISOString(),
      payload: { uid: "cross-uid", eventTypeId: B.type.id, title: "x", startTime: at("10:00").toISOString(), endTime: at("11:00").toISOString(), attendees: [{ email: B.contact.email, name: "R" }], organizationId: B.orgId, locationId: B.clinicId },
    });
    const response = await fetch(`${served.url}/api/webhooks/calcom?hook=${hookKey}`, { method: "POST", headers: { "content-type": "application/json", "x-cal-signature-256": calcomSignature(body, secret) }, body });
    expect(response.status).toBe(200);
    expect(await calcomRows(B.orgId)).toHaveLength(0);
    expect(await calcomRows(A.orgId)).toHaveLength(0);
    expect(await prisma.webhookEvent.findMany({ where: { source: "calcom" }, select: { organizationId: true } })).toEqual([{ organizationId: A.orgId }]);
  });

  it("the sandbox switches a webhook off after repeated failed deliveries (redirects count)", async () => {
    const hook = [...cal.webhooks.values()].find((h) => h.userId === A.host.id)!;
    const original = hook.subscriberUrl;
    const redirecting = await serveRoute(async () => new Response(null, { status: 308, headers: { location: original } }));
    hook.subscriberUrl = `${redirecting.url}/api/webhooks/calcom`;
    for (const time of ["09:00", "10:00", "11:00"]) cal.patientBooks(A.type.id, at(time), { name: "R", email: A.contact.email, timeZone: ZONE });
    await cal.flush();
    await redirecting.close();
    expect(hook.active).toBe(false);
    expect(cal.deliveries.filter((d) => d.webhookId === hook.id).map((d) => d.status)).toEqual([308, 308, 308]);
    expect(await calcomRows(A.orgId)).toHaveLength(0);
  });
});

describe("reconciliation", () => {
  it("repairs missed webhooks through cursor pages and records what it found", async () => {
    cal.mute();
    const seen = cal.patientBooks(A.type.id, at("09:00"), { name: "Rosa Diaz", email: A.contact.email, timeZone: ZONE });
    cal.mute(false);
    await cal.flush();
    cal.mute();
    for (const time of ["10:00", "11:00", "12:00"]) cal.patientBooks(A.type.id, at(time), { name: "Rosa Diaz", email: A.contact.email, timeZone: ZONE });
    cal.cancel(seen.uid);
    cal.mute(false);
    expect(await calcomRows(A.orgId)).toHaveLength(0);

    const first = await reconcileCalcom(A.db, { budgetMs: 10_000 });
    expect(first).toMatchObject({ complete: true, drift: 4 });
    const rows = await calcomRows(A.orgId);
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.externalId === seen.uid)?.status).toBe("cancelled");
    expect(await prisma.calcomConnection.findUniqueOrThrow({ where: { organizationId: A.orgId } })).toMatchObject({ lastDriftCount: 4, reconciledAt: expect.any(Date), leaseOwner: null });
    const second = await reconcileCalcom(A.db, { budgetMs: 10_000 });
    expect(second).toMatchObject({ complete: true, drift: 0 });
  });

  it("walks every cursor page", async () => {
    cal.mute();
    for (let h = 9; h < 17; h++) cal.patientBooks(A.type.id, at(`${String(h).padStart(2, "0")}:00`), { name: "Rosa Diaz", email: A.contact.email, timeZone: ZONE });
    cal.mute(false);
    const { client } = await import("@/lib/calcom/connection").then((m) => m.calcomClientFor(A.db));
    const pages: number[] = [];
    const paging = { ...client, listBookings: async (input: Parameters<typeof client.listBookings>[0]) => {
      const page = await client.listBookings({ ...input, take: 3 });
      pages.push(page.bookings.length);
      return page;
    } };
    const result = await reconcileCalcom(A.db, { budgetMs: 10_000, client: paging });
    expect(pages).toEqual([3, 3, 2]);
    expect(result).toMatchObject({ complete: true, drift: 8 });
  });

  it("a second runner finds the lease taken", async () => {
    await prisma.calcomConnection.update({ where: { organizationId: A.orgId }, data: { leaseOwner: "other", leaseExpiresAt: new Date(Date.now() + 60_000) } });
    expect(await reconcileCalcom(A.db, { budgetMs: 10_000 })).toMatchObject({ skipped: "leased" });
  });
});

describe("no double booking across GHL and Cal.com", () => {
  async function ghlAppointmentAt(time: string) {
    return bookAppointmentForMember(A.ctx, { locationId: A.clinicId, calendarId: A.ghlCalendarId, contactId: A.contact.id, date: day(), time, durationMinutes: 60, allowConflict: true });
  }

  it("flags a Cal.com booking over a live GHL appointment (finding and badge on both)", async () => {
    const ghlBooked = await ghlAppointmentAt("10:30");
    cal.patientBooks(A.type.id, at("10:00"), { name: "Rosa Diaz", email: A.contact.email, timeZone: ZONE });
    await cal.flush();
    const calcomRow = (await calcomRows(A.orgId))[0]!;
    const org = await prisma.organization.findUniqueOrThrow({ where: { id: A.orgId } });
    const findings = await doubleBookingDetector.run({ organizationId: A.orgId, orgSlug: org.slug, db: A.db, now: new Date() });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: "calendar.double_booked", locationId: A.clinicId, subjectKey: `${calcomRow.id}:${ghlBooked.appointmentId}`, severity: "high" });
    const rows = await prisma.appointment.findMany({ where: { organizationId: A.orgId } });
    expect(doubleBookedIds(rows)).toEqual(new Set([calcomRow.id, ghlBooked.appointmentId]));
  });

  it("Sidecar's Cal.com booking refuses a time taken in GHL unless a reason is given", async () => {
    await ghlAppointmentAt("10:00");
    await expect(bookCalcomForMember(A.ctx, { locationId: A.clinicId, eventTypeId: A.type.id, contactId: A.contact.id, date: day(), time: "10:00" })).rejects.toMatchObject({
      code: "double_booking",
      message: expect.stringContaining("already taken in GoHighLevel"),
    });
    expect(await calcomRows(A.orgId)).toHaveLength(0);
    const before = cal.bookings.size;
    const booked = await bookCalcomForMember(A.ctx, { locationId: A.clinicId, eventTypeId: A.type.id, contactId: A.contact.id, date: day(), time: "10:00", overrideReason: "Second nurse on shift" });
    expect(booked.overlaps).toBe(1);
    expect(cal.bookings.size).toBe(before + 1);
  });

  it("Sidecar's GHL booking refuses a time taken in Cal.com unless a reason is given", async () => {
    await bookCalcomForMember(A.ctx, { locationId: A.clinicId, eventTypeId: A.type.id, contactId: A.contact.id, date: day(), time: "12:00" });
    const ghlBefore = await prisma.appointment.count({ where: { organizationId: A.orgId, provider: "ghl" } });
    await expect(ghlAppointmentAt("12:30")).rejects.toMatchObject({ code: "double_booking", message: expect.stringContaining("already taken in Cal.com") });
    expect(await prisma.appointment.count({ where: { organizationId: A.orgId, provider: "ghl" } })).toBe(ghlBefore);
    await bookAppointmentForMember(A.ctx, { locationId: A.clinicId, calendarId: A.ghlCalendarId, contactId: A.contact.id, date: day(), time: "12:30", durationMinutes: 60, allowConflict: true, overrideReason: "Walk-in, both chairs free" });
    expect(await prisma.appointment.count({ where: { organizationId: A.orgId, provider: "ghl" } })).toBe(ghlBefore + 1);
  });

  it("a cancelled or reschedule-requested Cal.com booking frees the time", async () => {
    const booking = cal.patientBooks(A.type.id, at("16:00"), { name: "Rosa Diaz", email: A.contact.email, timeZone: ZONE });
    await cal.flush();
    cal.requestReschedule(booking.uid);
    await cal.flush();
    await expect(ghlAppointmentAt("16:00")).resolves.toMatchObject({ appointmentId: expect.any(String) });
  });
});
