import { describe, expect, it } from "vitest";
import { appointmentChoices, appointmentRefusal, changeForStatus, hasAnyChoice } from "@/lib/calendar/choices";

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

describe("appointmentRefusal", () => {
  const refusal = (status: string, offsetMinutes: number, change: Parameters<typeof appointmentRefusal>[1]) =>
    appointmentRefusal({ status, startTime: start, endTime: end }, change, at(offsetMinutes));

  it("is null exactly when the change is offered", () => {
    const changes = ["checkIn", "noShow", "undo", "cancel", "reschedule"] as const;
    for (const status of ["new", "confirmed", "showed", "noshow", "cancelled"]) {
      for (const offset of [-3 * 24 * 60, -90, 10, 30, 90, 3 * 24 * 60]) {
        const offered = choices(status, offset);
        for (const change of changes) expect(refusal(status, offset, change) === null, `${status} ${offset} ${change}`).toBe(offered[change]);
      }
    }
  });

  it("says why in the desk's words", () => {
    expect(refusal("confirmed", -3 * 60, "checkIn")).toBe("Check-in opens 2 hours before the appointment starts.");
    expect(refusal("confirmed", -30, "noShow")).toBe("An appointment can be marked as a no-show once it has started.");
    expect(refusal("confirmed", 10, "cancel")).toBe("This appointment has already started; mark it as a no-show instead of cancelling.");
    expect(refusal("showed", -30, "reschedule")).toBe("This visit was checked in; undo that before moving it.");
    expect(refusal("noshow", 3 * 24 * 60, "undo")).toBe("This visit ended more than 12 hours ago and was marked as a no-show; that is part of the record now.");
    expect(refusal("cancelled", -60, "reschedule")).toBe("This appointment is cancelled.");
  });

  it("reads a desk status as the change it makes", () => {
    expect(changeForStatus("confirmed", "showed")).toBe("checkIn");
    expect(changeForStatus("showed", "noshow")).toBe("noShow");
    expect(changeForStatus("showed", "confirmed")).toBe("undo");
    expect(changeForStatus("new", "confirmed")).toBeNull();
  });
});
