import { describe, expect, it } from "vitest";
import { unitOfWorkLanes } from "@/lib/db/connection";

describe("unitOfWorkLanes", () => {
  it("gives a unit of work one transaction on the embedded database's pool of one, and on small pools", () => {
    expect(unitOfWorkLanes(1)).toBe(1);
    expect(unitOfWorkLanes(2)).toBe(1);
    expect(unitOfWorkLanes(5)).toBe(1);
  });

  it("stays well under the pool, and at most three", () => {
    expect(unitOfWorkLanes(6)).toBe(2);
    expect(unitOfWorkLanes(10)).toBe(3);
    expect(unitOfWorkLanes(100)).toBe(3);
  });
});
