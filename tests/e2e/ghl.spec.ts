import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { saveScreenshot } from "./support/screenshots";

const INTEGRATIONS = "/agency/digital-desk/admin/settings/integrations";

test("the clinic picker offers only sub-accounts with the app installed, the just-installed one marked, on a phone too", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await signIn(page, "dana@digitaldesk.example");
  await page.goto(INTEGRATIONS);
  const picker = page.getByRole("form", { name: "Choose clinics" });
  await expect(picker.getByRole("group", { name: "GoHighLevel sub-accounts" })).toBeVisible();
  const tampa = picker.getByRole("checkbox", { name: /Glow IV Lounge – Tampa/ });
  await expect(tampa).toBeEnabled();
  await expect(picker.getByText("just installed in GoHighLevel")).toBeVisible();
  // The training sub-account exists in GHL, but without the app: no location token could be minted.
  await expect(picker.getByText("Digital Desk Training Account")).toHaveCount(0);
  await expect(picker.getByRole("checkbox", { name: /already a clinic/ })).toHaveCount(3);
  await expectNoSeriousA11yViolations(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await saveScreenshot(page, "ghl-clinic-picker-phone");
  await phone.close();
});

test("a Marketplace install that is not pending any more says what to do", async ({ page }) => {
  await signIn(page, "dana@digitaldesk.example");
  await page.goto("/integrations/ghl/finish");
  await expect(page.getByRole("heading", { name: "Finish connecting GoHighLevel", level: 1 })).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Install Sidecar again from GoHighLevel's Marketplace");
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "ghl-finish-expired");
});
