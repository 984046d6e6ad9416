import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GhlSandbox } from "../sandboxes/ghl";
import { prisma, resetDatabase } from "../support/db";
import { seedOrg } from "../support/factories";
import { connectAgency, resetGhlTransport, seedClinic, startSuiteSandbox } from "../support/ghl";
import { serveRoute } from "../support/serve-route";
import { POST } from "@/app/api/webhooks/ghl/route";
import { forOrg } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { syncLocation } from "@/lib/ghl/sync/sync-location";
import { drainGhlInbox } from "@/lib/ghl/webhook-drain";
import { forgetGhlTenants } from "@/lib/ghl/webhooks";
import { GHL_APPOINTMENT_REF, updateGhlAppointment } from "@/lib/ghl/writes";
import type { NoShowRiskLookup } from "@/lib/ops/risk";
import { runDetectorsForOrg } from "@/lib/ops/runner";
import { addWaitlistEntry, cancelOffer, savePolicy, undoBackfill } from "@/lib/prevention/manage";
import { ZPolicyInput, hhmmOf, minutesOf } from "@/lib/prevention/policy";
import { runPreventionForOrg } from "@/lib/prevention/run";
import { ZWaitlistInput } from "@/lib/prevention/waitlist";
import { zonedDateKey, zonedTimeKey } from "@/lib/time/zoned";

/**
 * The whole loop over real HTTP: Sidecar's GHL client against the GHL sandbox, GHL's signed
 * InboundMessage webhooks into Sidecar's webhook route, the drain, and the prevention run.
 */

const TZ = "America/Chicago";
const HOUR = 3_600_000;

let ghl: GhlSandbox;
let endpoint: Awaited<ReturnType<typeof serveRoute>>;
let org: Awaited<ReturnType<typeof seedOrg>>;
let clinic: Awaited<ReturnType<typeof seedClinic>>;
let db: ReturnType<typeof forOrg>;
let calendarId: string;
let scores: Map<string, number>;
const risk: NoShowRiskLookup = async (_db, ids) => new Map(ids.filter((id) => scores.has(id)).map((id) => [id, { score: scores.get(id)! }]));

beforeAll(async () => {
  endpoint = await serveRoute(POST);
  ghl = await startSuiteSandbox({ webhookTargetUrl: `${endpoint.url}/api/webhooks/ghl` });
});
afterAll(async () => {
  await ghl.stop();
  await endpoint.close();
});

/** Quiet hours that cannot include the next few hours of the clinic's clock, so sends are never held by the time the suite runs at. */
function quietAwayFromNow(now = new Date()) {
  const local = minutesOf(zonedTimeKey(now, TZ));
  return { quietStart: hhmmOf((local + 8 * 60) % 1440), quietEnd: hhmmOf((local + 10 * 60) % 1440) };
}

const ctx = () => ({ db, clinicIds: null, user: { id: "user-front-desk" } }) as unknown as Parameters<typeof savePolicy>[0];

/** Whole hours from now, so the appointment sits on the calendar's slot grid. */
const hoursAhead = (hours: number) => new Date(Math.ceil(Date.now() / HOUR) * HOUR + hours * HOUR);

/**
 * The first whole hour at least `hours` ahead that starts between 09:00 and 17:00 on the clinic's
 * clock: an hour-long visit then ends before the calendar closes at 23:59 whenever the suite runs.
 */
function daytimeHoursAhead(hours: number) {
  let start = hoursAhead(hours);
  while (!(minutesOf(zonedTimeKey(start, TZ)) >= 9 * 60 && minutesOf(zonedTimeKey(start, TZ)) < 17 * 60)) start = new Date(start.getTime() + HOUR);
  return start;
}

function ghlContact(firstName: string, phone: string, extra: Record<string, unknown> = {}) {
  return ghl.store.createContact(clinic.seeded.location.id, { firstName, lastName: "Test", phone, email: `${firstName.toLowerCase()}@example.com`, ...extra });
}

function ghlAppointment(contactId: string, start: Date) {
  return ghl.store.createAppointment({ locationId: clinic.seeded.location.id, calendarId, contactId, appointmentStatus: "new", title: "NAD+ drip", startTime: start.getTime(), endTime: start.getTime() + HOUR, users: [] });
}

async function sync() {
  await syncLocation(clinic.clinic, { budgetMs: 30_000 });
}

const local = (ghlId: string) => prisma.appointment.findFirstOrThrow({ where: { externalId: ghlId } });
const outbound = () => ghl.messages({ direction: "outbound" }).filter((m) => m.locationId === clinic.seeded.location.id);

async function reply(contactId: string, body: string) {
  const { event } = ghl.receiveSms({ locationId: clinic.seeded.location.id, contactId, body });
  expect(await ghl.sendWebhook(event)).toEqual([200]);
  await drainGhlInbox();
}

beforeEach(async () => {
  await resetDatabase();
  resetGhlTransport();
  forgetGhlTenants();
  org = await seedOrg();
  await connectAgency(ghl, org.id);
  clinic = await seedClinic(ghl, org.id, { contacts: 0, calendars: 0, timezone: TZ, phone: "+15125550100" });
  // Open around the clock, every day: the suite may run at any hour.
  calendarId = ghl.store.addCalendar({
    locationId: clinic.seeded.location.id,
    name: "IV therapy",
    slotDuration: 60,
    slotInterval: 60,
    openHours: [{ daysOfTheWeek: [0, 1, 2, 3, 4, 5, 6], hours: [{ openHour: 0, openMinute: 0, closeHour: 23, closeMinute: 59 }] }],
  }).id;
  db = forOrg(org.id);
  scores = new Map();
});

async function enablePolicy(overrides: Partial<Parameters<typeof ZPolicyInput.parse>[0]> = {}) {
  return savePolicy(
    ctx(),
    ZPolicyInput.parse({ locationId: clinic.location.id, enabled: true, riskThresholdPercent: 30, hoursBefore: 48, replyDeadlineHours: 24, offerWindowMinutes: 30, ...quietAwayFromNow(), ...overrides }),
  );
}

describe("confirmation requests", () => {
  it("texts a risky appointment exactly once, skips DND and low risk, and a 'C' reply confirms it in GHL and Sidecar", async () => {
    const ana = ghlContact("Ana", "+15125550111");
    const ben = ghlContact("Ben", "+15125550112", { dndSettings: { SMS: { status: "active" } } });
    const dee = ghlContact("Dee", "+15125550113");
    const a = ghlAppointment(ana.id, hoursAhead(30));
    const b = ghlAppointment(ben.id, hoursAhead(31));
    const d = ghlAppointment(dee.id, hoursAhead(32));
    await sync();
    scores.set((await local(a.id)).id, 0.62).set((await local(b.id)).id, 0.71).set((await local(d.id)).id, 0.05);
    await enablePolicy();

    const first = await runPreventionForOrg(org.id, { risk });
    await runPreventionForOrg(org.id, { risk });
    await runPreventionForOrg(org.id, { risk });
    expect(first).toMatchObject({ requested: 1, skipped: 1 });
    // One SMS, to Ana, about her appointment, through POST /conversations/messages.
    expect(outbound().map((m) => [m.contactId, m.type])).toEqual([[ana.id, "SMS"]]);
    expect(outbound()[0]!.body).toMatch(/reply C to confirm/);
    const log = await prisma.preventionMessage.findMany({ orderBy: { createdAt: "asc" }, select: { ghlContactId: true, status: true, detail: true } });
    expect(log).toEqual(
      expect.arrayContaining([
        { ghlContactId: ana.id, status: "sent", detail: null },
        { ghlContactId: ben.id, status: "skipped", detail: expect.stringMatching(/do-not-disturb/) },
      ]),
    );
    expect(log).toHaveLength(2);

    await reply(ana.id, " c ");
    expect(ghl.store.getAppointment(a.id)?.appointmentStatus).toBe("confirmed");
    expect((await local(a.id)).status).toBe("confirmed");
    expect(await prisma.confirmationRequest.findFirstOrThrow({ where: { appointmentId: (await local(a.id)).id } })).toMatchObject({ status: "confirmed" });
    expect(await prisma.preventionMessage.findFirstOrThrow({ where: { direction: "inbound" } })).toMatchObject({ status: "confirmed", body: " c " });
    // Nothing is sent back, and a redelivery of the same webhook changes nothing more.
    expect(outbound()).toHaveLength(1);
  });

  it("holds the text during quiet hours in the clinic's timezone", async () => {
    const ana = ghlContact("Ana", "+15125550111");
    const a = ghlAppointment(ana.id, hoursAhead(30));
    await sync();
    scores.set((await local(a.id)).id, 0.9);
    const nowLocal = minutesOf(zonedTimeKey(new Date(), TZ));
    await enablePolicy({ quietStart: hhmmOf((nowLocal + 1440 - 30) % 1440), quietEnd: hhmmOf((nowLocal + 60) % 1440) });
    expect(await runPreventionForOrg(org.id, { risk })).toMatchObject({ requested: 0 });
    expect(outbound()).toHaveLength(0);
    expect(await prisma.confirmationRequest.count()).toBe(0);
    // Two hours on, quiet hours are over and the window is still open: it goes out.
    expect(await runPreventionForOrg(org.id, { risk, now: new Date(Date.now() + 2 * HOUR) })).toMatchObject({ requested: 1 });
    expect(outbound()).toHaveLength(1);
  });

  it("turns silence past the deadline into a 'call to confirm' finding", async () => {
    const ana = ghlContact("Ana", "+15125550111");
    const a = ghlAppointment(ana.id, hoursAhead(30));
    await sync();
    const appointment = await local(a.id);
    scores.set(appointment.id, 0.8);
    await enablePolicy();
    await runPreventionForOrg(org.id, { risk });
    const request = await prisma.confirmationRequest.findFirstOrThrow();
    expect(request.status).toBe("sent");

    // Before the deadline: no finding.
    await runDetectorsForOrg(org, new Date());
    expect(await prisma.finding.count({ where: { kind: "prevention.call_to_confirm" } })).toBe(0);

    const after = new Date(request.deadlineAt.getTime() + 60_000);
    expect(await runPreventionForOrg(org.id, { risk, now: after })).toMatchObject({ unanswered: 1, requested: 0 });
    await runDetectorsForOrg(org, after);
    const finding = await prisma.finding.findFirstOrThrow({ where: { kind: "prevention.call_to_confirm" } });
    expect(finding).toMatchObject({ subjectKey: appointment.id, severity: "high", locationId: clinic.location.id });
    expect(finding.reason).toMatch(/no reply by the deadline/);
    expect(outbound()).toHaveLength(1);
  });
});

describe("waitlist backfill", () => {
  async function waitFor(name: string, phone: string, expiresInDays = 7) {
    const contact = ghlContact(name, phone);
    await sync();
    const row = await prisma.contact.findFirstOrThrow({ where: { ghlContactId: contact.id } });
    await addWaitlistEntry(
      ctx(),
      ZWaitlistInput.parse({ locationId: clinic.location.id, contactId: row.id, ghlCalendarId: calendarId, preferredDays: [], preferredFrom: "00:00", preferredTo: "24:00", expiresOn: zonedDateKey(new Date(Date.now() + expiresInDays * 86_400_000), TZ) }),
    );
    return contact;
  }

  async function cancelledSlot() {
    const eve = ghlContact("Eve", "+15125550120");
    const start = daytimeHoursAhead(26);
    const e = ghlAppointment(eve.id, start);
    await sync();
    // The front desk cancels in Sidecar: GHL first, then the copy.
    await updateGhlAppointment(db, await prisma.appointment.findFirstOrThrow({ where: { externalId: e.id }, select: GHL_APPOINTMENT_REF }), { status: "cancelled" });
    return { start, ghlAppointmentId: e.id };
  }

  it("offers a cancelled slot by SMS, books the first yes through GHL, tells the front desk, and can undo it", async () => {
    const cara = await waitFor("Cara", "+15125550130");
    await enablePolicy();
    const { start } = await cancelledSlot();

    const run = await runPreventionForOrg(org.id, { risk });
    expect(run).toMatchObject({ openings: 1, offered: 1 });
    expect(outbound().map((m) => m.contactId)).toEqual([cara.id]);
    expect(outbound()[0]!.body).toMatch(/Reply YES within 30 minutes/);

    await reply(cara.id, "Yes!");
    const booked = ghl.store.appointmentsIn(clinic.seeded.location.id).find((x) => x.contactId === cara.id);
    expect(booked).toMatchObject({ startTime: start.getTime(), calendarId, appointmentStatus: "confirmed" });
    const offer = await prisma.waitlistOffer.findFirstOrThrow();
    expect(offer.status).toBe("booked");
    expect(await prisma.slotOpening.findFirstOrThrow()).toMatchObject({ status: "booked", bookedAppointmentId: offer.bookedAppointmentId });
    expect(await prisma.waitlistEntry.findFirstOrThrow()).toMatchObject({ status: "booked" });
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id: offer.bookedAppointmentId! } })).toMatchObject({ externalId: booked!.id, status: "confirmed" });

    await runDetectorsForOrg(org);
    expect(await prisma.finding.findFirst({ where: { kind: "waitlist.backfilled" } })).toMatchObject({ subjectKey: offer.id });

    // Reversible: the booking is cancelled in GHL and the entry is back on the waitlist.
    await undoBackfill(ctx(), offer.id);
    expect(ghl.store.getAppointment(booked!.id)?.appointmentStatus).toBe("cancelled");
    expect(await prisma.waitlistEntry.findFirstOrThrow()).toMatchObject({ status: "active" });
    expect(await prisma.waitlistOffer.findFirstOrThrow()).toMatchObject({ status: "cancelled" });
    expect(outbound()).toHaveLength(1);
  });

  it("offers one at a time, at most three per slot, and a withdrawn offer books nothing", async () => {
    const people: Array<{ id: string }> = [];
    for (const [i, name] of ["Fay", "Gus", "Hal", "Ivy"].entries()) people.push(await waitFor(name, `+1512555014${i}`));
    await enablePolicy();
    await cancelledSlot();
    let now = Date.now();
    await runPreventionForOrg(org.id, { risk, now: new Date(now) });
    await runPreventionForOrg(org.id, { risk, now: new Date(now + 60_000) });
    expect(outbound().map((m) => m.contactId)).toEqual([people[0]!.id]);

    // Fay withdraws nothing; her window passes. Gus is asked and says no; Hal is asked and the front desk withdraws it.
    now += 31 * 60_000;
    await runPreventionForOrg(org.id, { risk, now: new Date(now) });
    expect(outbound().map((m) => m.contactId)).toEqual([people[0]!.id, people[1]!.id]);
    await reply(people[1]!.id, "no");
    await runPreventionForOrg(org.id, { risk, now: new Date(now + 60_000) });
    expect(outbound().map((m) => m.contactId)).toEqual([people[0]!.id, people[1]!.id, people[2]!.id]);
    const halOffer = await prisma.waitlistOffer.findFirstOrThrow({ where: { status: "sent" } });
    await cancelOffer(ctx(), halOffer.id);
    await reply(people[2]!.id, "yes");
    expect(ghl.store.appointmentsIn(clinic.seeded.location.id).filter((x) => x.contactId === people[2]!.id)).toHaveLength(0);

    // Three offers made: Ivy is never asked and the opening is closed.
    await runPreventionForOrg(org.id, { risk, now: new Date(now + 2 * 60_000) });
    expect(outbound()).toHaveLength(3);
    expect(await prisma.slotOpening.findFirstOrThrow()).toMatchObject({ status: "exhausted" });
    expect((await prisma.waitlistOffer.findMany({ orderBy: { sentAt: "asc" } })).map((o) => o.status)).toEqual(["expired", "declined", "cancelled"]);
  });
});

describe("bad input", () => {
  it("logs a reply from a number Sidecar does not know, changes nothing and sends nothing", async () => {
    await enablePolicy();
    const before = await prisma.appointment.findMany({ orderBy: { id: "asc" } });
    const { event } = ghl.receiveSms({ locationId: clinic.seeded.location.id, fromNumber: "+15125559999", body: "YES" });
    expect(await ghl.sendWebhook(event)).toEqual([200]);
    await drainGhlInbox();
    expect(await prisma.preventionMessage.findMany({ select: { direction: true, status: true, contactId: true } })).toEqual([{ direction: "inbound", status: "unknown_contact", contactId: null }]);
    expect(await prisma.appointment.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(outbound()).toHaveLength(0);
    expect(await prisma.webhookInbox.findFirstOrThrow()).toMatchObject({ status: "done" });
  });

  it("refuses a policy with an impossible window and a waitlist entry for a past date, storing nothing", async () => {
    const base = { locationId: clinic.location.id, enabled: true, riskThresholdPercent: 30, offerWindowMinutes: 30 };
    const deadlineAfterSend = ZPolicyInput.safeParse({ ...base, hoursBefore: 24, replyDeadlineHours: 24, quietStart: "21:00", quietEnd: "08:00" });
    expect(deadlineAfterSend.success).toBe(false);
    expect(deadlineAfterSend.error!.issues[0]!.message).toMatch(/reply deadline/);
    const quietTooLong = ZPolicyInput.safeParse({ ...base, hoursBefore: 12, replyDeadlineHours: 2, quietStart: "20:00", quietEnd: "08:00" });
    expect(quietTooLong.error!.issues[0]!.message).toMatch(/some appointments could never get a message/);

    const zoe = ghlContact("Zoe", "+15125550150");
    await sync();
    const row = await prisma.contact.findFirstOrThrow({ where: { ghlContactId: zoe.id } });
    const yesterday = zonedDateKey(new Date(Date.now() - 86_400_000), TZ);
    await expect(
      addWaitlistEntry(ctx(), ZWaitlistInput.parse({ locationId: clinic.location.id, contactId: row.id, ghlCalendarId: calendarId, preferredFrom: "09:00", preferredTo: "17:00", expiresOn: yesterday })),
    ).rejects.toThrow(UserError);
    expect(await prisma.waitlistEntry.count()).toBe(0);
    expect(await prisma.preventionPolicy.count()).toBe(0);
    expect(outbound()).toHaveLength(0);
  });
});
