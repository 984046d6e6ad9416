import { describe, expect, it } from "vitest";
import { formatQuantity } from "@/lib/inventory/units";

describe("formatQuantity", () => {
  it.each([
    [1, "boxes", "1 box"],
    [2, "boxes", "2 boxes"],
    [0, "vials", "0 vials"],
    [1, "vials", "1 vial"],
    [-1, "kits", "-1 kit"],
    [1, "each", "1 each"],
    [5, "each", "5 each"],
    [3, "ml", "3 ml"],
    [1, "IV bags", "1 IV bag"],
  ])("%d %s → %s", (quantity, unit, expected) => {
    expect(formatQuantity(quantity, unit)).toBe(expected);
  });
});
