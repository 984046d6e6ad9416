import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { saveScreenshot } from "./support/screenshots";

/**
 * Every agency, clinic and platform page on a 390 px phone: nothing wider than the screen, so
 * nothing needs a sideways scroll (a table cut at "Tod", a list squeezed to "(305) 5").
 */
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const AGENCY = "/agency/digital-desk";
const ADMIN = `${AGENCY}/admin`;
const CLINIC = `${AGENCY}/clinic/loc_austin`;

async function expectNoHorizontalOverflow(page: Page, path: string, name: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} answered ${response?.status()}`).toBe(200);
  await page.waitForLoadState("networkidle");
  const { scrollWidth, clientWidth, widest } = await page.evaluate(() => {
    const root = document.documentElement;
    // The element that sticks out furthest, to name it when the page is too wide.
    let widest = "";
    let right = root.clientWidth;
    for (const element of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      const box = element.getBoundingClientRect();
      if (box.right > right + 0.5 && getComputedStyle(element).position !== "fixed") {
        right = box.right;
        widest = `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(" ").slice(0, 3).join(".")}` : ""} (${Math.round(box.right)} px)`;
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
  });
  await saveScreenshot(page, `phone-${name}`);
  expect(scrollWidth, `${path} is ${scrollWidth} px wide on a ${clientWidth} px screen; widest: ${widest}`).toBeLessThanOrEqual(clientWidth);
}

/** The first link on `listPath` whose path matches `pattern`: a real record to open. */
async function firstLink(page: Page, listPath: string, pattern: RegExp): Promise<string> {
  await page.goto(listPath);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h.split("?")[0]!));
  if (!href) throw new Error(`no link matching ${pattern} on ${listPath}`);
  return href;
}

test("every agency page fits a phone", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "dana@digitaldesk.example");
  const contact = await firstLink(page, `${ADMIN}/contacts`, /\/admin\/contacts\/(?!new$|export$)[^/]+$/);
  const appointment = await firstLink(page, `${ADMIN}/calendar?view=week`, /\/admin\/calendar\/appointments\/[^/]+$/);
  const item = await firstLink(page, `${ADMIN}/inventory`, /\/admin\/inventory\/(?!new$|recall$|services$|export$)[^/]+$/);
  const pages: Array<[string, string]> = [
    ["queue", ADMIN],
    ["dashboard", `${ADMIN}/dashboard`],
    ["calendar-day", `${ADMIN}/calendar?view=day`],
    ["calendar-week", `${ADMIN}/calendar?view=week`],
    ["calendar-month", `${ADMIN}/calendar?view=month`],
    ["calendar-book", `${ADMIN}/calendar/new`],
    ["appointment", appointment],
    ["contacts", `${ADMIN}/contacts`],
    ["contact-new", `${ADMIN}/contacts/new`],
    ["contact", contact],
    ["contact-edit", `${contact}/edit`],
    ["insights", `${ADMIN}/insights`],
    ["inventory", `${ADMIN}/inventory`],
    ["inventory-new", `${ADMIN}/inventory/new`],
    ["inventory-item", item],
    ["inventory-recall", `${ADMIN}/inventory/recall?lot=BX24A117`],
    ["inventory-services", `${ADMIN}/inventory/services`],
    ["reorder", `${ADMIN}/ops/reorder`],
    ["settings", `${ADMIN}/settings`],
    ["settings-audit", `${ADMIN}/settings/audit`],
    ["settings-integrations", `${ADMIN}/settings/integrations`],
    ["settings-security", `${ADMIN}/settings/security`],
    ["settings-oversight", `${ADMIN}/settings/oversight`],
    ["settings-team", `${ADMIN}/settings/team`],
  ];
  for (const [name, path] of pages) await expectNoHorizontalOverflow(page, path, name);
});

test("every clinic page fits a phone", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "casey@glowiv.example");
  const pages: Array<[string, string]> = [
    ["clinic-today", CLINIC],
    ["clinic-contacts", `${CLINIC}/contacts`],
    ["clinic-contacts-search", `${CLINIC}/contacts?q=a`],
    ["clinic-supplies", `${CLINIC}/supplies`],
    ["clinic-supplies-count", `${CLINIC}/supplies/count`],
    ["clinic-supplies-receive", `${CLINIC}/supplies/receive`],
  ];
  for (const [name, path] of pages) await expectNoHorizontalOverflow(page, path, name);
  // The import page is for agency admins.
  await page.context().clearCookies();
  await signIn(page, "alex@digitaldesk.example");
  await expectNoHorizontalOverflow(page, `${CLINIC}/supplies/import`, "clinic-supplies-import");
});

test("every platform page fits a phone", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "pat@sidecar.example");
  await expectNoHorizontalOverflow(page, "/platform", "platform");
  const agency = await firstLink(page, "/platform", /^\/platform\/agencies\/[^/]+$/);
  await expectNoHorizontalOverflow(page, agency, "platform-agency");
  await expectNoHorizontalOverflow(page, "/platform/sync", "platform-sync");
  await expectNoHorizontalOverflow(page, "/platform/audit", "platform-audit");
});

test.describe("on a laptop", () => {
  test.use({ viewport: { width: 1366, height: 900 }, isMobile: false, hasTouch: false });

  test("the changed pages fit 1366 px too", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, "dana@digitaldesk.example");
    for (const [name, path] of [
      ["dashboard", `${ADMIN}/dashboard`],
      ["calendar-week", `${ADMIN}/calendar?view=week`],
      ["clinic-today", CLINIC],
    ] as const) {
      await expectNoHorizontalOverflow(page, path, `laptop-${name}`);
    }
  });
});
