import { describe, expect, it } from "vitest";
import { DEMO_CLINICS, demoAppointments, demoContacts, seededRandom } from "@/scripts/demo/data";

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
});
