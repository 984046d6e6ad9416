import { afterEach, describe, expect, it, vi } from "vitest";
import { tenantMemo } from "@/lib/cache/tenant-memo";

afterEach(() => {
  vi.useRealTimers();
});

describe("tenantMemo", () => {
  it("reuses a value for the same organization and key until it is ttl old", async () => {
    vi.useFakeTimers();
    const memo = tenantMemo<number>(1_000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await memo("org-a", "k", load)).toBe(1);
    vi.advanceTimersByTime(999);
    expect(await memo("org-a", "k", load)).toBe(1);
    vi.advanceTimersByTime(1);
    expect(await memo("org-a", "k", load)).toBe(2);
  });

  it("never hands one organization's value to another, nor one key's to another", async () => {
    const memo = tenantMemo<string>(60_000);
    expect(await memo("org-a", "tags", async () => "a")).toBe("a");
    expect(await memo("org-b", "tags", async () => "b")).toBe("b");
    expect(await memo("org-a", "other", async () => "a-other")).toBe("a-other");
    expect(await memo("org-a", "tags", async () => "again")).toBe("a");
    // The separator cannot be forged by a key: "org-a" + "\0x" is not "org-a\0" + "x".
    expect(await memo("org-a\u0000tags", "", async () => "forged")).toBe("forged");
  });

  it("shares one computation between callers arriving together, and keeps no failure", async () => {
    const memo = tenantMemo<number>(60_000);
    let loads = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 5));
    const [x, y] = await Promise.all([memo("org", "k", slow), memo("org", "k", slow)]);
    expect([x, y, loads]).toEqual([1, 1, 1]);
    await expect(memo("org", "fails", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await memo("org", "fails", async () => 7)).toBe(7);
  });

  it("forgets the oldest entries past its size", async () => {
    const memo = tenantMemo<number>(60_000, 2);
    await memo("org", "1", async () => 1);
    await memo("org", "2", async () => 2);
    await memo("org", "3", async () => 3);
    expect(await memo("org", "1", async () => 10)).toBe(10);
    expect(await memo("org", "3", async () => 30)).toBe(3);
  });
});
