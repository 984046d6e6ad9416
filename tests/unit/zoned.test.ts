import { describe, expect, it } from "vitest";
import { zonedDayRange, zonedWeekRange } from "@/lib/time/zoned";

describe("zoned ranges", () => {
  it("gives the local day in UTC, crossing the date line of UTC", () => {
    // 02:00 UTC on Nov 22 is still Nov 21 in Chicago (UTC-6).
    const { start, end } = zonedDayRange("America/Chicago", new Date("2026-11-22T02:00:00Z"));
    expect(start.toISOString()).toBe("2026-11-21T06:00:00.000Z");
    expect(end.toISOString()).toBe("2026-11-22T06:00:00.000Z");
  });

  it("handles a daylight-saving change (a 23-hour day)", () => {
    const { start, end } = zonedDayRange("America/New_York", new Date("2026-03-08T15:00:00Z"));
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(23);
  });

  it("starts weeks on Monday", () => {
    const { start } = zonedWeekRange("America/Denver", new Date("2026-11-22T18:00:00Z"));
    expect(start.toISOString()).toBe("2026-11-16T07:00:00.000Z");
  });
});
