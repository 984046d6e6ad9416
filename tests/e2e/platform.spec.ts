import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { saveScreenshot } from "./support/screenshots";

test.describe.configure({ mode: "serial" });

test("a platform admin looks in as an owner with a banner, is kept from membership, and the agency's audit log shows it", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "pat@sidecar.example");
  // Search and filters on the agency list.
  await page.getByLabel("Name or address").fill("nothing like it");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No agency matches these filters.")).toBeVisible();
  await page.getByLabel("Name or address").fill("digital");
  await page.getByLabel("Sync").selectOption("failing");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Digital Desk" })).toContainText("1 failing");
  await page.getByRole("link", { name: "Digital Desk" }).click();
  await expect(page.getByRole("heading", { name: "Digital Desk" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Subscription" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();

  await page.getByRole("button", { name: "Look in as Dana Brooks" }).click();
  await page.getByRole("button", { name: "Look in as Dana Brooks" }).click();
  await expect(page.getByText("Say why in a sentence (at least 10 characters)")).toBeVisible();
  await page.getByLabel("Why look in as Dana Brooks?").fill("Dana reports the Austin sync shows an error");
  await page.getByLabel("How long").selectOption("15");
  await page.getByRole("button", { name: "Look in as Dana Brooks" }).click();

  await expect(page).toHaveURL(/\/agency\/digital-desk\/admin$/);
  const banner = page.getByRole("region", { name: "Looking in" });
  await expect(banner).toContainText("Pat Rivera, looking in as Dana Brooks (Owner)");
  await expect(banner).toContainText("Dana reports the Austin sync shows an error");
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "platform-look-in");

  // The banner stays on every page; member management is not offered.
  await page.goto("/agency/digital-desk/admin/settings/team");
  await expect(page.getByRole("region", { name: "Looking in" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Invite someone" })).toHaveCount(0);

  await page.getByRole("button", { name: "End look-in" }).click();
  await expect(page).toHaveURL(/\/platform\/agencies\/[^/?]+$/);
  await expect(page.getByRole("listitem").filter({ hasText: "Dana reports the Austin sync shows an error" })).toContainText(/Pat Rivera as Dana Brooks.*ended/);
  await page.goto("/agency/digital-desk/admin");
  await expect(page.getByRole("heading", { name: /not found/i })).toBeVisible();

  await page.goto("/platform/audit?action=platform.impersonation");
  await expect(page.getByText("platform.impersonation-start").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.context().clearCookies();
  await signIn(page, "dana@digitaldesk.example");
  await page.goto("/agency/digital-desk/admin/settings/audit?action=platform.impersonation-start");
  await expect(page.getByRole("cell", { name: /Pat Rivera \(Sidecar platform\)/ }).first()).toBeVisible();
});

test("the platform sees every clinic not syncing cleanly", async ({ page }) => {
  await signIn(page, "pat@sidecar.example");
  await page.getByRole("link", { name: "Sync health" }).click();
  await expect(page.getByRole("heading", { name: "Sync health" })).toBeVisible();
  // The demo's Denver clinic fails its calendar reads.
  await expect(page.getByRole("listitem").filter({ hasText: "Hydrate Med Spa Denver" })).toContainText("Digital Desk");
  await expectNoSeriousA11yViolations(page);
});
