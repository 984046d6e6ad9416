import { describe, expect, it } from "vitest";
import { appointmentChoices, hasAnyChoice } from "@/lib/calendar/choices";

const start = new Date("2026-06-15T15:00:00Z");
const end = new Date("2026-06-15T16:00:00Z");
const at = (offsetMinutes: number) => new Date(start.getTime() + offsetMinutes * 60_000);
const choices = (status: string, offsetMinutes: number) => appointmentChoices({ status, startTime: start, endTime: end }, at(offsetMinutes));

describe("appointmentChoices", () => {
  it.each([
    // status, minutes from start, checkIn, noShow, undo, cancel, reschedule
    ["confirmed", -3 * 24 * 60, false, false, false, true, true],
    ["booked", -90, true, false, false, true, true],
    ["confirmed", 10, true, true, false, false, false],
    ["confirmed", 7 * 24 * 60, true, true, false, false, false],
    ["showed", 30, false, true, true, false, false],
    ["showed", 3 * 24 * 60, false, false, false, false, false],
    ["noshow", 3 * 24 * 60, false, false, false, false, false],
    ["noshow", 90, true, false, true, false, false],
    ["cancelled", -60, false, false, false, false, false],
    ["cancelled", 60, false, false, false, false, false],
  ])("%s at %d min", (status, offset, checkIn, noShow, undo, cancel, reschedule) => {
    expect(choices(status, offset)).toEqual({ checkIn, noShow, undo, cancel, reschedule });
  });

  it("offers nothing once an appointment is settled, something while it is not", () => {
    expect(hasAnyChoice(choices("cancelled", 0))).toBe(false);
    expect(hasAnyChoice(choices("showed", 60 * 24 * 30))).toBe(false);
    expect(hasAnyChoice(choices("confirmed", 60 * 24 * 30))).toBe(true);
  });
});
