import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGhlSandbox, type GhlSandbox } from "@/tests/sandboxes/ghl";
import { call, type AppointmentJson, type EventJson, type GhlErrorJson } from "@/tests/sandboxes/ghl/test-client";

const DAY_MS = 86_400_000;
const KOLKATA_OFFSET_MS = 5.5 * 3_600_000; // Asia/Kolkata has no DST, so the offset is fixed

describe("GHL sandbox: calendars and appointments", () => {
  let sandbox: GhlSandbox;
  let token: string;
  let contactId: string;
  /** A day a week ahead, in Kolkata: midnight as epoch ms and as YYYY-MM-DD. */
  let dayStart: number;
  let day: string;

  beforeAll(async () => {
    sandbox = await startGhlSandbox();
    contactId = sandbox.seedLocation({
      id: "kol",
      timezone: "Asia/Kolkata",
      contacts: 2,
      calendars: [
        {
          id: "cal-1",
          name: "IV room",
          slotDuration: 60,
          slotInterval: 60,
          openHours: [{ daysOfTheWeek: [0, 1, 2, 3, 4, 5, 6], hours: [{ openHour: 9, openMinute: 0, closeHour: 12, closeMinute: 0 }] }],
        },
      ],
    }).contactIds[0] as string;
    token = sandbox.issueTokens({ locationId: "kol" }).access_token;
    const localToday = new Date(Date.now() + KOLKATA_OFFSET_MS);
    const localMidnight = Date.UTC(localToday.getUTCFullYear(), localToday.getUTCMonth(), localToday.getUTCDate() + 7);
    dayStart = localMidnight - KOLKATA_OFFSET_MS;
    day = new Date(localMidnight).toISOString().slice(0, 10);
  });
  afterAll(() => sandbox.stop());

  const freeSlots = (query: Record<string, string | number>) =>
    call<Record<string, { slots: string[] }> & GhlErrorJson>(sandbox.url, "/calendars/cal-1/free-slots", { token, query });
  const book = (json: Record<string, unknown>) =>
    call<AppointmentJson & GhlErrorJson>(sandbox.url, "/calendars/events/appointments", { token, json: { calendarId: "cal-1", locationId: "kol", contactId, ...json } });

  it("lists calendars with their settings and refuses a bogus Version", async () => {
    const listed = await call<{ calendars: Array<Record<string, unknown>> }>(sandbox.url, "/calendars/", { token, query: { locationId: "kol" } });
    expect(listed.status).toBe(200);
    expect(listed.body.calendars).toEqual([
      expect.objectContaining({ id: "cal-1", locationId: "kol", name: "IV room", slotDuration: 60, slotInterval: 60, isActive: true, openHours: expect.any(Array) }),
    ]);
    const bogus = await call<GhlErrorJson>(sandbox.url, "/calendars/", { token, query: { locationId: "kol" }, version: "2020-01-01" });
    expect(bogus.status).toBe(400);
    expect((await call(sandbox.url, "/calendars/", { token })).status).toBe(422);
  });

  it("computes free slots from open hours minus bookings, keyed by local date", async () => {
    const before = await freeSlots({ startDate: dayStart, endDate: dayStart + DAY_MS - 1 });
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ [day]: { slots: [`${day}T09:00:00+05:30`, `${day}T10:00:00+05:30`, `${day}T11:00:00+05:30`] } });

    const booked = await book({ startTime: `${day}T10:00:00+05:30`, title: "Myers' Cocktail" });
    expect(booked.status).toBe(200);
    const after = await freeSlots({ startDate: dayStart, endDate: dayStart + DAY_MS - 1 });
    expect(after.body[day]?.slots).toEqual([`${day}T09:00:00+05:30`, `${day}T11:00:00+05:30`]);

    const inUtc = await freeSlots({ startDate: dayStart, endDate: dayStart + DAY_MS - 1, timezone: "UTC" });
    expect(Object.values(inUtc.body).flatMap((entry) => entry.slots)).toEqual([`${day}T03:30:00+00:00`, `${day}T05:30:00+00:00`]);
  });

  it("limits the free-slots range to 31 days", async () => {
    const exactly31 = await freeSlots({ startDate: dayStart, endDate: dayStart + 31 * DAY_MS });
    expect(exactly31.status).toBe(200);
    expect(Object.keys(exactly31.body).length).toBeGreaterThanOrEqual(31);
    const tooLong = await freeSlots({ startDate: dayStart, endDate: dayStart + 31 * DAY_MS + 1 });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toMatchObject({ statusCode: 422, error: "Unprocessable Entity", message: [expect.stringContaining("31 days")] });
    expect((await freeSlots({ startDate: "tomorrow", endDate: dayStart })).status).toBe(422);
  });

  it("creates an appointment with 200 and the documented shape, and refuses a taken slot", async () => {
    const created = await book({ startTime: `${day}T09:00:00+05:30`, title: "NAD+", appointmentStatus: "confirmed" });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
      calendarId: "cal-1",
      locationId: "kol",
      contactId,
      startTime: `${day}T09:00:00+05:30`,
      endTime: `${day}T10:00:00+05:30`,
      title: "NAD+",
      appointmentStatus: "confirmed",
      isRecurring: false,
    });

    const taken = await book({ startTime: `${day}T09:30:00+05:30` });
    expect(taken.status).toBe(400);
    expect(taken.body).toMatchObject({ statusCode: 400, message: "The slot you have selected is no longer available." });
    expect((await book({ startTime: `${day}T09:30:00+05:30`, ignoreFreeSlotValidation: true })).status).toBe(200);

    const missingContact = await call<GhlErrorJson>(sandbox.url, "/calendars/events/appointments", { token, json: { calendarId: "cal-1", locationId: "kol", startTime: `${day}T11:00:00+05:30` } });
    expect(missingContact.status).toBe(422);
    expect(missingContact.body.message).toEqual([expect.stringContaining("contactId")]);
    const zoneless = await book({ startTime: `${day}T11:00:00` });
    expect(zoneless.status).toBe(422);
  });

  it("requires calendarId, userId or groupId on the events endpoint and answers in the location's offset", async () => {
    const window = { locationId: "kol", startTime: dayStart, endTime: dayStart + DAY_MS };
    const unscoped = await call<GhlErrorJson>(sandbox.url, "/calendars/events", { token, query: window });
    expect(unscoped.status).toBe(422);
    expect(unscoped.body).toMatchObject({ statusCode: 422, error: "Unprocessable Entity", message: ["one of calendarId, userId or groupId is required"] });

    const events = await call<{ events: EventJson[] }>(sandbox.url, "/calendars/events", { token, query: { ...window, calendarId: "cal-1" } });
    expect(events.status).toBe(200);
    expect(events.body.events.map((event) => event.startTime)).toEqual([`${day}T09:00:00+05:30`, `${day}T09:30:00+05:30`, `${day}T10:00:00+05:30`]);
    for (const event of events.body.events) {
      expect(event).toMatchObject({ calendarId: "cal-1", locationId: "kol", contactId, dateAdded: expect.stringMatching(/\+05:30$/), dateUpdated: expect.stringMatching(/\+05:30$/) });
    }
    const outside = await call<{ events: EventJson[] }>(sandbox.url, "/calendars/events", { token, query: { ...window, startTime: dayStart + DAY_MS, endTime: dayStart + 2 * DAY_MS, calendarId: "cal-1" } });
    expect(outside.body.events).toEqual([]);
  });

  it("updates, reads and deletes an appointment (201 succeeded)", async () => {
    const created = await book({ startTime: `${day}T11:00:00+05:30`, assignedUserId: "user-7" });
    const id = created.body.id;
    const dateUpdatedBefore = sandbox.store.getAppointment(id)?.dateUpdated ?? 0;

    const updated = await call<AppointmentJson>(sandbox.url, `/calendars/events/appointments/${id}`, { method: "PUT", token, json: { appointmentStatus: "showed" } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, appointmentStatus: "showed", startTime: `${day}T11:00:00+05:30`, assignedUserId: "user-7" });
    expect(sandbox.store.getAppointment(id)?.dateUpdated).toBeGreaterThan(dateUpdatedBefore);

    const byUser = await call<{ events: EventJson[] }>(sandbox.url, "/calendars/events", { token, query: { locationId: "kol", startTime: dayStart, endTime: dayStart + DAY_MS, userId: "user-7" } });
    expect(byUser.body.events.map((event) => event.id)).toEqual([id]);

    const read = await call<{ event: EventJson }>(sandbox.url, `/calendars/events/appointments/${id}`, { token });
    expect(read.status).toBe(200);
    expect(read.body.event).toMatchObject({ id, appointmentStatus: "showed", endTime: `${day}T12:00:00+05:30` });

    const deleted = await call(sandbox.url, `/calendars/events/${id}`, { method: "DELETE", token, json: {} });
    expect(deleted.status).toBe(201);
    expect(deleted.body).toEqual({ succeeded: true });
    expect((await call(sandbox.url, `/calendars/events/appointments/${id}`, { token })).status).toBe(404);
  });
});

describe("GHL sandbox: free slots across a DST change", () => {
  let sandbox: GhlSandbox;
  beforeAll(async () => {
    sandbox = await startGhlSandbox();
    sandbox.seedLocation({
      id: "chi",
      timezone: "America/Chicago",
      calendars: [{ id: "cal-chi", slotDuration: 30, slotInterval: 30, openHours: [{ daysOfTheWeek: [0, 6], hours: [{ openHour: 9, openMinute: 0, closeHour: 10, closeMinute: 0 }] }] }],
    });
  });
  afterAll(() => sandbox.stop());

  it("keeps open hours on the local clock when the offset changes (US DST starts 2031-03-09)", async () => {
    const { access_token: token } = sandbox.issueTokens({ locationId: "chi" });
    const slots = await call<Record<string, { slots: string[] }>>(sandbox.url, "/calendars/cal-chi/free-slots", {
      token,
      query: { startDate: Date.parse("2031-03-08T06:00:00Z"), endDate: Date.parse("2031-03-10T05:00:00Z") },
    });
    expect(slots.body).toEqual({
      "2031-03-08": { slots: ["2031-03-08T09:00:00-06:00", "2031-03-08T09:30:00-06:00"] },
      "2031-03-09": { slots: ["2031-03-09T09:00:00-05:00", "2031-03-09T09:30:00-05:00"] },
    });
  });
});
