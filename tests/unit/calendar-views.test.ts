import { describe, expect, it } from "vitest";
import { addMonths, calendarQuery, parseCalendarState, periodDays, periodLabel, shiftDate } from "@/lib/calendar/views";
import { zoneAbbreviation, zonedDateKey, zonedTimeKey, zonedWallTime } from "@/lib/time/zoned";

describe("calendar URL state", () => {
  it("reads view, date and clinic, and falls back to this week across clinics", () => {
    expect(parseCalendarState({ view: "month", date: "2026-11-23", clinic: "loc_austin" }, "2026-01-01")).toEqual({ view: "month", date: "2026-11-23", clinicId: "loc_austin" });
    expect(parseCalendarState({ view: "year", date: "2026-02-30" }, "2026-01-01")).toEqual({ view: "week", date: "2026-01-01", clinicId: null });
    expect(parseCalendarState({ view: ["day", "week"], date: "nope" }, "2026-01-01").view).toBe("day");
  });

  it("round-trips through the query string", () => {
    const state = { view: "day" as const, date: "2026-11-23", clinicId: "loc_miami" };
    expect(parseCalendarState(Object.fromEntries(new URLSearchParams(calendarQuery(state))), "2000-01-01")).toEqual(state);
  });
});

describe("periods", () => {
  it("builds Monday-first weeks and whole-week month grids", () => {
    expect(periodDays({ view: "day", date: "2026-11-25" })).toEqual(["2026-11-25"]);
    const week = periodDays({ view: "week", date: "2026-11-22" }); // a Sunday
    expect([week[0], week[6]]).toEqual(["2026-11-16", "2026-11-22"]);
    const month = periodDays({ view: "month", date: "2026-11-15" });
    expect(month.length % 7).toBe(0);
    expect([month[0], month.at(-1)]).toEqual(["2026-10-26", "2026-12-06"]);
    expect(month).toContain("2026-11-30");
  });

  it("moves by a day, a week or a month, keeping month ends in range", () => {
    expect(shiftDate({ view: "day", date: "2026-12-31" }, 1)).toBe("2027-01-01");
    expect(shiftDate({ view: "week", date: "2026-11-23" }, -1)).toBe("2026-11-16");
    expect(shiftDate({ view: "month", date: "2026-01-31" }, 1)).toBe("2026-02-28");
    expect(addMonths("2028-03-31", -1)).toBe("2028-02-29");
  });

  it("labels each view", () => {
    expect(periodLabel({ view: "day", date: "2026-11-23" })).toBe("Monday, November 23, 2026");
    expect(periodLabel({ view: "month", date: "2026-11-23" })).toBe("November 2026");
    expect(periodLabel({ view: "week", date: "2026-11-23" })).toMatch(/^Nov 23\s*–\s*29, 2026$/);
  });
});

describe("clinic wall clock", () => {
  it("turns a local date and time into the instant, in each clinic's zone", () => {
    expect(zonedWallTime("America/Chicago", "2026-11-23", "09:30").toISOString()).toBe("2026-11-23T15:30:00.000Z");
    expect(zonedWallTime("America/New_York", "2026-07-01", "09:30").toISOString()).toBe("2026-07-01T13:30:00.000Z");
    // 02:30 does not exist on the spring-forward night: clocks show 03:30 then.
    expect(zonedWallTime("America/Denver", "2026-03-08", "02:30").toISOString()).toBe("2026-03-08T09:30:00.000Z");
    expect(() => zonedWallTime("America/Denver", "2026-03-08", "24:00")).toThrow(RangeError);
  });

  it("reads an instant back as the clinic's date and time", () => {
    const at = new Date("2026-11-23T03:15:00Z");
    expect(zonedDateKey(at, "America/Chicago")).toBe("2026-11-22");
    expect(zonedTimeKey(at, "America/Chicago")).toBe("21:15");
    expect(zonedDateKey(at, "UTC")).toBe("2026-11-23");
    expect(zoneAbbreviation("America/Chicago", at)).toBe("CST");
    expect(zoneAbbreviation("America/Denver", new Date("2026-07-01T12:00:00Z"))).toBe("MDT");
  });
});

describe("hostile calendar URLs fall back instead of throwing", () => {
  const today = "2026-06-15";
  it.each([
    ["month 13, day 45", { date: "2025-13-45", view: "week" }],
    ["day 00", { date: "2026-01-00" }],
    ["month 00", { date: "2026-00-10" }],
    ["leap day in a common year", { date: "2025-02-29" }],
    ["trailing garbage", { date: "2026-06-01x" }],
    ["a time", { date: "2026-06-01T10:00" }],
    ["repeated", { date: ["9999-99-99", "2026-06-01"] }],
    ["empty", { date: "" }],
    ["year 0, which Postgres does not have", { date: "0000-01-01" }],
    ["year 9999", { date: "9999-12-31" }],
    ["a script", { date: "<script>", view: "<b>" }],
  ])("%s", (_label, params) => {
    const state = parseCalendarState(params, today);
    expect(state.date).toBe(today);
    expect(["day", "week", "month"]).toContain(state.view);
    expect(() => periodDays(state)).not.toThrow();
    expect(() => periodLabel(state)).not.toThrow();
  });

  it("keeps a real leap day", () => {
    expect(parseCalendarState({ date: "2028-02-29" }, today).date).toBe("2028-02-29");
  });
});
