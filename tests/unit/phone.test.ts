import { describe, expect, it } from "vitest";
import { formatPhone, parsePhone } from "@/lib/contacts/phone";

describe("phone numbers", () => {
  it("shows North American numbers nationally and the rest internationally", () => {
    expect(formatPhone("+15125550101")).toBe("(512) 555-0101");
    expect(formatPhone("+14165550199")).toBe("(416) 555-0199");
    expect(formatPhone("+442079460958")).toBe("+44 20 7946 0958");
  });

  it("shows what it cannot read as stored", () => {
    expect(formatPhone("call the front desk")).toBe("call the front desk");
    expect(formatPhone(null)).toBeNull();
  });

  it("reads back what it shows", () => {
    for (const stored of ["+15125550101", "+442079460958"]) expect(parsePhone(formatPhone(stored)!)?.number).toBe(stored);
  });
});
