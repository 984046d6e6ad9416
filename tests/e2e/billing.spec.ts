import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { saveScreenshot } from "./support/screenshots";

const BILLING = "/agency/digital-desk/admin/settings/billing";

test("an owner starts the free trial through Stripe Checkout on the stand-in, then opens the billing portal", async ({ page }) => {
  await signIn(page, "dana@digitaldesk.example");
  await page.goto(BILLING);
  await expect(page.getByRole("heading", { name: "Choose a plan", level: 2 })).toBeVisible();
  // No Checkout yet: Sidecar's own trial, all of it left.
  await expect(page.getByText(/Free trial: 14 days left/)).toBeVisible();
  await expect(page.getByText("No invoices yet.")).toBeVisible();
  // Three clinics: Starter is suggested.
  await expect(page.getByRole("radio", { name: /Starter/ })).toBeChecked();
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "billing-choose-plan");

  await page.getByRole("button", { name: "Start 14-day free trial" }).click();
  // Stripe's hosted Checkout (the stand-in's): no card needed for the trial.
  await expect(page.getByRole("heading", { name: "Subscribe to Sidecar Starter (monthly)" })).toBeVisible();
  await expect(page.getByText("after a 14-day free trial")).toBeVisible();
  await page.getByRole("button", { name: "Start trial" }).click();

  await expect(page).toHaveURL(/\/admin\/settings\/billing\?checkout=done$/);
  await expect(page.getByText("Thanks: Stripe confirmed the subscription.")).toBeVisible();
  const subscription = page.getByRole("main");
  await expect(subscription.getByText("Free trial", { exact: true })).toBeVisible();
  await expect(subscription.getByText(/14 days left/)).toBeVisible();
  await expect(subscription.getByText(/\$149 on /)).toBeVisible();
  await expect(page.getByRole("link", { name: "SBX-0001" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Choose a plan" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "billing-trialing");

  await page.getByRole("button", { name: "Manage plan, card or cancellation" }).click();
  await expect(page.getByRole("heading", { name: "Billing portal" })).toBeVisible();
  await expect(page.getByText(/Sidecar Starter \(monthly\): trialing/)).toBeVisible();
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByText("A card is on file.")).toBeVisible();
  await page.getByRole("link", { name: "Return to Sidecar" }).click();
  await expect(page.getByRole("heading", { name: "Subscription", level: 2 })).toBeVisible();
});

test("Settings → Billing works on a phone, and only owners see it", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await signIn(page, "dana@digitaldesk.example");
  await page.goto(BILLING);
  await expect(page.getByRole("heading", { name: "Invoices", level: 2 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await saveScreenshot(page, "billing-phone");
  await phone.close();

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "alex@digitaldesk.example");
  await admin.goto("/agency/digital-desk/admin/settings/team");
  await expect(admin.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Team" })).toBeVisible();
  await expect(admin.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Billing" })).toHaveCount(0);
  const response = await admin.goto(BILLING);
  expect(response?.status()).toBe(404);
  await adminContext.close();
});

test("a platform admin sees each agency's plan, status, MRR and trial end, and the totals", async ({ page }) => {
  await signIn(page, "pat@sidecar.example");
  await page.goto("/platform");
  const totals = page.getByRole("region", { name: "Totals" });
  await expect(totals.getByText("MRR")).toBeVisible();
  await expect(totals.getByText("Trials")).toBeVisible();
  await expect(totals.getByText("Churned this month")).toBeVisible();
  // The first test of this file started Digital Desk's Starter trial.
  const row = page.getByRole("row", { name: /Digital Desk/ });
  await expect(row.getByRole("cell", { name: "Starter" })).toBeVisible();
  await expect(row.getByText("trial", { exact: true })).toBeVisible();
  await expect(row.getByRole("cell", { name: /^[A-Z][a-z]{2} \d{1,2}$/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "platform-agencies-billing");
});
