import { beforeEach, describe, expect, it, vi } from "vitest";
import { safeNextPath } from "@/lib/auth/safe-next";

const APP = "https://app.sidecar.example";

/** Values of `next` that must never leave Sidecar's origin (as the page receives them, decoded once). */
const HOSTILE = [
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\t\t/evil.example",
  "\t//evil.example",
  " //evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/x\\..\\..\\/evil.example",
  "%2F%2Fevil.example",
  "/%2F/evil.example".replace("%2F", "/"),
  "https://evil.example",
  "https:evil.example",
  "https:/evil.example",
  "http://app.sidecar.example.evil.example/",
  "javascript:alert(1)",
  "JAVASCRIPT:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  "/\u0085/evil.example",
  "\uff0f\uff0fevil.example",
  "/\uff0fevil.example".replace("/", "\u2215"),
  "\u2044\u2044evil.example",
  "/login?next=//evil.example",
  "/login",
  "",
  "evil.example",
  "/".padEnd(3000, "a"),
];

describe("safeNextPath: the one rule for every redirect parameter", () => {
  it.each(HOSTILE.map((value) => [JSON.stringify(value), value]))("refuses %s", (_label, value) => {
    expect(safeNextPath(value, APP)).toBeNull();
  });

  it("keeps same-origin paths, with their search and hash, re-serialised", () => {
    expect(safeNextPath("/agency/x/admin", APP)).toBe("/agency/x/admin");
    expect(safeNextPath("/agency/x/admin/contacts?q=ann&page=2#top", APP)).toBe("/agency/x/admin/contacts?q=ann&page=2#top");
    expect(safeNextPath("/invite/abc", APP)).toBe("/invite/abc");
    expect(safeNextPath("/agency/x/../y", APP)).toBe("/agency/y");
    expect(safeNextPath("/a b", APP)).toBe("/a%20b");
  });

  it("never answers something a browser would read as another host", () => {
    for (const value of HOSTILE) {
      const path = safeNextPath(value, APP);
      if (path !== null) expect(new URL(path, APP).origin).toBe(APP);
    }
  });
});

// The pages that follow `next`: the sign-in page (already signed in) and /auth/continue.
const session = vi.hoisted(() => ({ current: null as null | { sessionId: string; token: string; user: { id: string; name: string; email: string } } }));
vi.mock("@/lib/auth/session", () => ({ getCurrentSession: async () => session.current }));
vi.mock("@/lib/auth/destinations", () => ({ listDestinations: async () => [{ href: "/agency/home/admin" }, { href: "/agency/other/admin" }] }));

/** Where a page redirects to: Next's redirect() throws an error whose digest carries the URL. */
async function redirectOf(render: () => Promise<unknown>): Promise<string> {
  try {
    await render();
  } catch (err) {
    const digest = (err as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2]!;
    throw err;
  }
  throw new Error("the page did not redirect");
}

describe("pages that follow next", () => {
  beforeEach(() => {
    session.current = { sessionId: "s", token: "t", user: { id: "u", name: "U", email: "u@example.com" } };
  });

  it.each(HOSTILE.map((value) => [JSON.stringify(value), value]))("/auth/continue?next=%s stays on Sidecar", async (_label, value) => {
    const { default: ContinuePage } = await import("@/app/auth/continue/page");
    const target = await redirectOf(() => ContinuePage({ searchParams: Promise.resolve({ next: value }) } as never));
    expect(target).toBe("/select-agency");
  });

  it.each(HOSTILE.map((value) => [JSON.stringify(value), value]))("/login?next=%s (signed in) stays on Sidecar", async (_label, value) => {
    const { default: LoginPage } = await import("@/app/login/page");
    const target = await redirectOf(() => LoginPage({ searchParams: Promise.resolve({ next: value }) } as never));
    expect(target).toBe(`/auth/continue?next=${encodeURIComponent("/auth/continue")}`);
  });

  it("follows a same-site next", async () => {
    const { default: ContinuePage } = await import("@/app/auth/continue/page");
    expect(await redirectOf(() => ContinuePage({ searchParams: Promise.resolve({ next: "/agency/home/admin/contacts?q=a" }) } as never))).toBe(
      "/agency/home/admin/contacts?q=a",
    );
  });
});
