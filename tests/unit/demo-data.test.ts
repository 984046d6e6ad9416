import { describe, expect, it } from "vitest";
import { DEMO_CLINICS, demoAppointments, demoContacts, seededRandom } from "@/scripts/demo/data";
import { demoPrevention } from "@/scripts/demo/prevention";
import { DEMO_APPOINTMENTS_PER_CLINIC, DEMO_CONTACTS_PER_CLINIC } from "@/scripts/demo/seed";

describe("demo data", () => {
  const now = new Date("2026-11-22T12:00:00Z");

  it("is the same on every run", () => {
    expect(demoContacts(0, 50, now)).toEqual(demoContacts(0, 50, now));
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it("gives every contact a unique id, a valid E.164 phone and an email", () => {
    const contacts = DEMO_CLINICS.flatMap((_, i) => demoContacts(i, 120, now));
    expect(new Set(contacts.map((c) => c.id)).size).toBe(contacts.length);
    expect(new Set(contacts.map((c) => c.ghlContactId)).size).toBe(contacts.length);
    for (const contact of contacts) {
      expect(contact.phone).toMatch(/^\+1\d{10}$/);
      expect(contact.email).toMatch(/^[^@\s]+@example\.com$/);
    }
  });

  it("keeps appointments within 30 days of now and never marks a future one showed", () => {
    const contacts = demoContacts(1, 40, now);
    const appointments = demoAppointments(1, contacts, 200, now);
    for (const appointment of appointments) {
      expect(Math.abs(appointment.startTime.getTime() - now.getTime())).toBeLessThan(32 * 86_400_000);
      expect(appointment.endTime.getTime()).toBeGreaterThan(appointment.startTime.getTime());
      if (appointment.startTime > now) expect(["showed", "noshow"]).not.toContain(appointment.status);
      expect(contacts.some((c) => c.id === appointment.contactId)).toBe(true);
    }
  });

  it("shows every confirmation outcome whatever the hour it is seeded at (UTC)", () => {
    // The demo's visits sit on days counted from today's UTC date, so the visits in the texts'
    // window change with the hour; every half hour of a day must still show all three outcomes.
    for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
      const at = new Date(Date.parse("2026-12-06T00:00:00Z") + minutes * 60_000);
      // As the seed hands them over: each clinic's contacts and everyday appointments.
      const contacts = DEMO_CLINICS.map((_, i) => demoContacts(i, DEMO_CONTACTS_PER_CLINIC, at));
      const appointments = contacts.flatMap((mine, i) => demoAppointments(i, mine, DEMO_APPOINTMENTS_PER_CLINIC, at));
      const { requests } = demoPrevention(appointments, contacts.flat(), at);
      expect(new Set(requests.map((r) => r.status)), at.toISOString()).toEqual(new Set(["sent", "no_reply", "skipped"]));
      for (const r of requests) expect((r.sentAt as Date).getTime(), `${at.toISOString()} ${r.id}`).toBeLessThanOrEqual(at.getTime());
    }
  });
});
