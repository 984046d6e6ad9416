import { describe, expect, it } from "vitest";
import { forecastStock } from "@/lib/inventory/forecast";

const item = { onHand: 50, reorderPoint: 10, parLevel: 100 };

describe("forecastStock", () => {
  it("turns a steady 70 a week into 10 a day and 5 days of stock", () => {
    expect(forecastStock({ ...item, weeklyUsage: [70, 70, 70, 70] })).toEqual({
      weeksAveraged: 4,
      averageWeeklyUsage: 70,
      averageDailyUsage: 10,
      daysUntilStockout: 5,
      suggestedOrder: 50,
      shouldReorder: true,
    });
  });

  it("averages only the most recent four weeks", () => {
    const forecast = forecastStock({ ...item, onHand: 40, weeklyUsage: [700, 14, 14, 28, 28] });
    expect(forecast.weeksAveraged).toBe(4);
    expect(forecast.averageWeeklyUsage).toBe(21);
    expect(forecast.averageDailyUsage).toBe(3);
    expect(forecast.daysUntilStockout).toBe(13);
  });

  it("rounds days down: stock for 6.9 days is 6 days", () => {
    expect(forecastStock({ ...item, onHand: 69, weeklyUsage: [70] }).daysUntilStockout).toBe(6);
  });

  it("never runs out and suggests no order when nothing is used and stock is above the reorder point", () => {
    expect(forecastStock({ ...item, weeklyUsage: [0, 0, 0, 0] })).toMatchObject({
      averageDailyUsage: 0,
      daysUntilStockout: null,
      suggestedOrder: 0,
      shouldReorder: false,
    });
    expect(forecastStock({ ...item, weeklyUsage: [] })).toMatchObject({ weeksAveraged: 0, daysUntilStockout: null });
  });

  it("orders up to par at or below the reorder point even with no usage", () => {
    expect(forecastStock({ ...item, onHand: 10, weeklyUsage: [0] })).toMatchObject({ shouldReorder: true, suggestedOrder: 90 });
  });

  it("orders when the forecast runs out within 14 days though stock is above the reorder point", () => {
    // 7 a day: 98 units last exactly 14 days.
    expect(forecastStock({ onHand: 98, reorderPoint: 10, parLevel: 150, weeklyUsage: [49, 49] })).toMatchObject({
      daysUntilStockout: 14,
      shouldReorder: true,
      suggestedOrder: 52,
    });
    expect(forecastStock({ onHand: 105, reorderPoint: 10, parLevel: 150, weeklyUsage: [49, 49] })).toMatchObject({
      daysUntilStockout: 15,
      shouldReorder: false,
      suggestedOrder: 0,
    });
  });

  it("reports zero days with nothing on hand and never suggests a negative order", () => {
    expect(forecastStock({ onHand: 0, reorderPoint: 5, parLevel: 20, weeklyUsage: [7] })).toMatchObject({ daysUntilStockout: 0, suggestedOrder: 20 });
    expect(forecastStock({ onHand: 3, reorderPoint: 5, parLevel: 2, weeklyUsage: [7] }).suggestedOrder).toBe(0);
  });
});
