import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./support/auth";

/**
 * A link someone mistyped, truncated or crafted: every search parameter of the agency's pages
 * (calendar, contacts, inventory, recall, queue, audit…) falls back to a sensible view (200) or
 * answers 404, never a server error and never an error page.
 */
const AGENCY = "/agency/digital-desk";
const ADMIN = `${AGENCY}/admin`;
const AUSTIN = "loc_austin";

const HOSTILE: Array<[string, string]> = [
  ["empty", ""],
  ["unknown word", "zzz"],
  ["impossible date", "2025-13-45"],
  ["date with a time", "2026-02-30T25:61"],
  ["year 0", "0000-01-01"],
  ["year 275760", "275760-09-13"],
  ["negative", "-1"],
  ["huge number", "1e309"],
  ["not a number", "NaN"],
  ["float", "2.5"],
  ["NUL byte", "a\u0000b"],
  ["markup", "<script>alert(1)</script>"],
  ["SQL", "' OR 1=1 --"],
  ["LIKE wildcards", "%_%\\"],
  ["path", "../../etc/passwd"],
  ["astral plane", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧪"],
  ["very long", "x".repeat(5_000)],
];

/** Each page and the parameters it reads. */
const PAGES: Array<{ path: string; params: string[] }> = [
  { path: ADMIN, params: ["view", "clinic", "kind", "q", "group", "page"] },
  { path: `${ADMIN}/calendar`, params: ["date", "view", "clinic"] },
  { path: `${ADMIN}/calendar/new`, params: ["clinic", "calendar", "date", "q", "contact"] },
  { path: `${ADMIN}/contacts`, params: ["q", "clinic", "tag", "sort", "page"] },
  { path: `${ADMIN}/contacts/new`, params: ["clinic"] },
  { path: `${ADMIN}/dashboard`, params: ["clinic"] },
  { path: `${ADMIN}/inventory`, params: ["q", "clinic", "category", "status", "page"] },
  { path: `${ADMIN}/inventory/recall`, params: ["lot"] },
  { path: `${ADMIN}/ops/reorder`, params: ["clinic"] },
  { path: `${ADMIN}/settings/audit`, params: ["action", "actor", "outcome", "from", "to", "page"] },
  { path: `${ADMIN}/settings/integrations`, params: ["connected"] },
  { path: `${AGENCY}/clinic/${AUSTIN}/contacts`, params: ["q"] },
  { path: `${AGENCY}/clinic/${AUSTIN}/supplies`, params: ["visit"] },
];

async function expectFallbackOr404(request: APIRequestContext, url: string) {
  const response = await request.get(url, { maxRedirects: 0 });
  const status = response.status();
  expect([200, 404], `${url} answered ${status}`).toContain(status);
  const body = await response.text();
  expect(body, `${url} rendered an error`).not.toMatch(/We couldn(&#x27;|')t load|Application error|Invalid time value|RangeError|Prisma/);
}

for (const { path, params } of PAGES) {
  test(`hostile parameters on ${path.replace(AGENCY, "")} fall back or answer 404`, async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, "dana@digitaldesk.example");
    for (const param of params) {
      for (const [, value] of HOSTILE) {
        await expectFallbackOr404(page.request, `${path}?${new URLSearchParams({ [param]: value })}`);
      }
      // The same parameter twice arrives as an array.
      await expectFallbackOr404(page.request, `${path}?${param}=a&${param}=b`);
    }
    // All at once, each with the impossible date.
    await expectFallbackOr404(page.request, `${path}?${new URLSearchParams(Object.fromEntries(params.map((p) => [p, "2025-13-45"])))}`);
  });
}

test("the issue's own examples: an impossible week and an unknown clinic show the calendar", async ({ page }) => {
  await signIn(page, "dana@digitaldesk.example");
  for (const query of ["date=2025-13-45&view=week", "clinic=zzz"]) {
    const response = await page.goto(`${ADMIN}/calendar?${query}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Calendar", level: 1 })).toBeVisible();
  }
});

test("an id that names nothing answers 404 with a way back", async ({ page }) => {
  await signIn(page, "dana@digitaldesk.example");
  for (const path of [`${ADMIN}/contacts/zzz`, `${ADMIN}/calendar/appointments/zzz`, `${ADMIN}/inventory/zzz`, `${AGENCY}/clinic/zzz`, "/platform/agencies/zzz"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});
