import { describe, expect, it } from "vitest";
import { z } from "zod";
import { searchParamText, searchText } from "@/lib/http/search-params";

describe("search parameter text", () => {
  const schema = z.object({ q: searchText(10), tag: searchText(10, { lowercase: true }) });

  it.each([
    ["plain", { q: "garcia" }, "garcia"],
    ["trimmed", { q: "  garcia " }, "garcia"],
    ["a NUL byte, which Postgres refuses in text", { q: "gar\u0000cia" }, "garcia"],
    ["control characters", { q: "a\u0007b\u001fc\u007f" }, "abc"],
    ["too long reads as absent", { q: "x".repeat(11) }, undefined],
    ["repeated reads as absent", { q: ["a", "b"] }, undefined],
    ["missing", {}, undefined],
  ])("%s", (_label, input, expected) => {
    expect(schema.parse(input).q).toBe(expected);
  });

  it("lowercases when asked", () => {
    expect(schema.parse({ tag: " VIP " }).tag).toBe("vip");
  });

  it("reads raw values the same way", () => {
    expect(searchParamText(["a\u0000b", "c"], 80)).toBe("ab");
    expect(searchParamText(undefined, 80)).toBe("");
    expect(searchParamText("x".repeat(100), 80)).toHaveLength(80);
  });
});
