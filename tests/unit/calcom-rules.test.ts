import { describe, expect, it } from "vitest";
import { nextStatus } from "@/lib/calcom/bookings";
import { doubleBookingFindings } from "@/lib/calcom/double-booking-detector";
import { collides, doubleBookedIds, findCrossProviderOverlaps, type OverlapCandidate } from "@/lib/calcom/overlap";
import { calcomSignature, parseCalcomEvent, verifyCalcomSignature } from "@/lib/calcom/webhooks";

const t = (hhmm: string) => new Date(`2030-01-15T${hhmm}:00Z`);
const appt = (id: string, provider: "ghl" | "calcom", from: string, to: string, extra: Partial<OverlapCandidate> = {}): OverlapCandidate => ({
  id,
  provider,
  locationId: "clinic-1",
  calendarId: "chairs",
  status: "confirmed",
  startTime: t(from),
  endTime: t(to),
  ...extra,
});

describe("double booking rule", () => {
  it("collides across providers on the same resource and overlapping time only", () => {
    expect(collides(appt("a", "calcom", "10:00", "11:00"), appt("b", "ghl", "10:30", "11:30"))).toBe(true);
    expect(collides(appt("a", "calcom", "10:00", "11:00"), appt("b", "ghl", "11:00", "12:00"))).toBe(false);
    expect(collides(appt("a", "ghl", "10:00", "11:00"), appt("b", "ghl", "10:30", "11:30"))).toBe(false);
    expect(collides(appt("a", "calcom", "10:00", "11:00"), appt("b", "ghl", "10:30", "11:30", { calendarId: "other" }))).toBe(false);
    expect(collides(appt("a", "calcom", "10:00", "11:00", { calendarId: null }), appt("b", "ghl", "10:30", "11:30", { calendarId: "other" }))).toBe(true);
    expect(collides(appt("a", "calcom", "10:00", "11:00"), appt("b", "ghl", "10:30", "11:30", { locationId: "clinic-2" }))).toBe(false);
  });

  it("ignores appointments that no longer hold their time", () => {
    expect(collides(appt("a", "calcom", "10:00", "11:00", { status: "cancelled" }), appt("b", "ghl", "10:00", "11:00"))).toBe(false);
    expect(collides(appt("a", "calcom", "10:00", "11:00", { rescheduleRequestedAt: new Date() }), appt("b", "ghl", "10:00", "11:00"))).toBe(false);
    expect(collides(appt("a", "calcom", "10:00", "11:00"), appt("b", "ghl", "10:00", "11:00", { status: "invalid" }))).toBe(false);
    expect(collides(appt("a", "calcom", "10:00", "11:00"), appt("b", "ghl", "10:00", "11:00", { deletedAt: new Date() }))).toBe(false);
  });

  it("finds every pair once, Cal.com first, including a long appointment spanning later ones", () => {
    const rows = [appt("g1", "ghl", "09:00", "13:00"), appt("c1", "calcom", "10:00", "11:00"), appt("c2", "calcom", "12:00", "12:30"), appt("c3", "calcom", "13:00", "14:00")];
    expect(findCrossProviderOverlaps(rows).map((p) => `${p.calcom.id}:${p.ghl.id}`)).toEqual(["c1:g1", "c2:g1"]);
    expect(doubleBookedIds(rows)).toEqual(new Set(["g1", "c1", "c2"]));
  });

  it("turns each pair into a finding keyed by both appointments", () => {
    const rows = [
      { ...appt("g1", "ghl", "15:00", "16:00"), title: null, contact: { firstName: "Ana", lastName: "Ruiz" } },
      { ...appt("c1", "calcom", "15:30", "16:30"), title: "IV Drip", contact: null },
    ];
    const [finding] = doubleBookingFindings(rows, "digital-desk", () => "America/Chicago");
    expect(finding).toMatchObject({ kind: "calendar.double_booked", subjectKey: "c1:g1", locationId: "clinic-1", severity: "high" });
    expect(finding!.reason).toContain("IV Drip booked through Cal.com at Jan 15, 2030, 9:30 AM");
    expect(finding!.reason).toContain("Ana Ruiz in GoHighLevel at Jan 15, 2030, 9:00 AM");
    expect(finding!.records.map((r) => r.href)).toEqual(["/agency/digital-desk/admin/calendar/appointments/c1", "/agency/digital-desk/admin/calendar/appointments/g1"]);
  });
});

describe("booking status", () => {
  it("maps Cal.com's statuses and keeps the desk's check-in", () => {
    expect(nextStatus(null, { status: "accepted" })).toBe("confirmed");
    expect(nextStatus(null, { status: "pending" })).toBe("new");
    expect(nextStatus("confirmed", { status: "cancelled" })).toBe("cancelled");
    expect(nextStatus("new", { status: "rejected" })).toBe("invalid");
    expect(nextStatus("showed", { status: "accepted" })).toBe("showed");
    expect(nextStatus("confirmed", { status: "accepted", noShow: true })).toBe("noshow");
    expect(nextStatus("noshow", { status: "accepted", noShow: false })).toBe("confirmed");
  });

  it("a requested reschedule is not a cancellation", () => {
    expect(nextStatus("confirmed", { status: "cancelled", rescheduleRequested: true })).toBe("confirmed");
    expect(nextStatus(null, { status: "cancelled", rescheduleRequested: true })).toBe("confirmed");
  });
});

describe("webhook signature and parsing", () => {
  const body = JSON.stringify({
    triggerEvent: "BOOKING_RESCHEDULED",
    createdAt: "2030-01-10T12:00:00.000Z",
    payload: { uid: "new-uid", rescheduleUid: "old-uid", eventTypeId: 7, title: "IV Drip", startTime: "2030-01-15T16:00:00Z", endTime: "2030-01-15T17:00:00Z", attendees: [{ email: "rosa@example.com", name: "Rosa Diaz" }], status: "ACCEPTED" },
  });

  it("accepts the hex HMAC-SHA256 of the raw body and nothing else", () => {
    const raw = Buffer.from(body);
    const good = calcomSignature(raw, "s3cret");
    expect(good).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyCalcomSignature(raw, good, "s3cret")).toBe(true);
    expect(verifyCalcomSignature(raw, good.toUpperCase(), "s3cret")).toBe(true);
    expect(verifyCalcomSignature(raw, good, "other")).toBe(false);
    expect(verifyCalcomSignature(Buffer.from(body + " "), good, "s3cret")).toBe(false);
    expect(verifyCalcomSignature(raw, "no-secret-provided", "s3cret")).toBe(false);
    expect(verifyCalcomSignature(raw, null, "s3cret")).toBe(false);
    expect(verifyCalcomSignature(raw, good.slice(2), "s3cret")).toBe(false);
  });

  it("reads a reschedule as a move from the old uid, and names the delivery without a header", () => {
    const event = parseCalcomEvent(body);
    expect(event).toMatchObject({ kind: "booking", deliveryId: "BOOKING_RESCHEDULED:new-uid:2030-01-10T12:00:00.000Z", facts: { uid: "new-uid", fromUid: "old-uid", eventTypeId: 7, status: "accepted" } });
  });

  it("reads a cancellation with requestReschedule as a reschedule request", () => {
    const event = parseCalcomEvent(body.replace("BOOKING_RESCHEDULED", "BOOKING_CANCELLED").replace('"status":"ACCEPTED"', '"status":"CANCELLED","requestReschedule":true'));
    expect(event).toMatchObject({ kind: "booking", facts: { status: "cancelled", rescheduleRequested: true, fromUid: null } });
  });

  it("reads no-show updates and ignores triggers it does not handle", () => {
    const noShow = parseCalcomEvent(JSON.stringify({ triggerEvent: "BOOKING_NO_SHOW_UPDATED", createdAt: "2030-01-10T12:00:00.000Z", payload: { bookingUid: "u1", message: "x", attendees: [{ email: "a@example.com", noShow: true }] } }));
    expect(noShow).toMatchObject({ kind: "no_show", uid: "u1", noShow: true });
    expect(parseCalcomEvent(JSON.stringify({ triggerEvent: "MEETING_ENDED", createdAt: "2030-01-10T12:00:00.000Z", payload: { uid: "u1" } }))).toMatchObject({ kind: "other" });
  });
});
