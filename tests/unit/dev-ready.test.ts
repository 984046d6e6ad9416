import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { DEMO_AGENCY, DEMO_USERS } from "@/scripts/demo/data";
import { firstVisitRoutes, readyBanner } from "@/scripts/dev/ready";

describe("npm run dev's ready banner", () => {
  it("names the URL, the mailbox and every demo account", () => {
    const banner = readyBanner("http://127.0.0.1:3000");
    expect(banner).toContain("ready at http://127.0.0.1:3000");
    expect(banner).toContain("http://127.0.0.1:3000/dev/mailbox");
    for (const user of DEMO_USERS) expect(banner).toContain(user.email);
    expect(banner).toMatch(/front desk\s+casey@glowiv\.example/);
  });

  it("warms the sign-in pages and the demo agency's dashboard", () => {
    const routes = firstVisitRoutes();
    expect(routes.slice(0, 2)).toEqual(["/login", "/auth/continue"]);
    expect(routes).toContain(`/agency/${DEMO_AGENCY.slug}/admin`);
  });
});

describe("npm test's preflight", () => {
  it("stops at once with what to do when the browser is missing", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "tests/support/preflight.ts"], {
      env: { ...process.env, CHROMIUM_PATH: "/nonexistent/chromium" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("/nonexistent/chromium");
  }, 30_000);
});
