import { describe, expect, it } from "vitest";
import { likeLiteral } from "@/lib/db/like";

describe("likeLiteral", () => {
  it("escapes LIKE's wildcards and its escape character, and leaves the rest as typed", () => {
    expect(likeLiteral("100% a_b c\\d")).toBe("100\\% a\\_b c\\\\d");
    expect(likeLiteral("Grace Hopper")).toBe("Grace Hopper");
  });
});
