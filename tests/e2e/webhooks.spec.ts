import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { saveScreenshot } from "./support/screenshots";

const FAILED_TITLE = "Hydrate Med Spa Denver: 1 GoHighLevel update could not be applied";

test("a dead-lettered GHL webhook is in the queue and in sync health", async ({ page }) => {
  await signIn(page, "dana@digitaldesk.example");
  await expect(page.getByRole("heading", { name: "Needs a human today", level: 1 })).toBeVisible();
  await expect(page.getByText(FAILED_TITLE)).toBeVisible();

  await page.goto("/agency/digital-desk/admin/settings/integrations");
  const health = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Webhooks" }) });
  await expect(health).toBeVisible();
  const denver = health.getByRole("row", { name: /Hydrate Med Spa Denver/ });
  await expect(denver).toContainText("1 failed");
  await expect(denver).toContainText("latest: ContactUpdate, reference 4f1c9a2e");
  // The technical detail stays in the logs and the database, never on the page.
  await expect(denver).not.toContainText("answered 404");
  await expect(health.getByRole("row", { name: /Glow IV Lounge Austin/ })).toContainText("all applied");
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "webhooks-sync-health");
});

test("sync health with its webhook column fits a phone", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await signIn(page, "dana@digitaldesk.example");
  await page.goto("/agency/digital-desk/admin/settings/integrations");
  await expect(page.getByRole("columnheader", { name: "Webhooks" })).toBeAttached();
  await expect(page.getByText("1 failed")).toBeAttached();
  await expectNoSeriousA11yViolations(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await saveScreenshot(page, "webhooks-sync-health-phone");
  await phone.close();
});
