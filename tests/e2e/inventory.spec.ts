import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { saveScreenshot } from "./support/screenshots";
import { formatQuantity } from "@/lib/inventory/units";

const SUPPLIES = "/agency/digital-desk/clinic/loc_austin/supplies";

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("clinic staff log supply use in two taps", async ({ page }) => {
    await signIn(page, "casey@glowiv.example");
    await page.goto(SUPPLIES);
    await expect(page.getByRole("heading", { name: "Log supply use", level: 1 })).toBeVisible();

    const saline = page.getByRole("listitem").filter({ hasText: "Normal saline 1 L" });
    const before = Number((await saline.getByText(/bags? on hand/).textContent())?.match(/\d+/)?.[0]);
    expect(before).toBeGreaterThan(0);

    await page.getByRole("button", { name: "Use Normal saline 1 L" }).tap();
    await page.getByRole("button", { name: "Log 1 used" }).tap();

    await expect(page.getByRole("status").filter({ hasText: "Logged 1 bag of Normal saline 1 L." })).toContainText(`${before - 1} left.`);
    await expect(saline.getByText(/bags? on hand/)).toHaveText(new RegExp(`^${formatQuantity(before - 1, "bags")} on hand`));
    await saveScreenshot(page, "inventory-clinic-usage-phone");

    // More than is on hand is refused with the reason, and nothing changes.
    await page.getByRole("button", { name: "Use Normal saline 1 L" }).tap();
    for (let i = 1; i < before; i++) await page.getByRole("button", { name: "One more" }).tap();
    await page.getByRole("button", { name: `Log ${before} used` }).tap();
    await expect(page.getByRole("alert").filter({ hasText: "in stock" })).toHaveText(`Only ${formatQuantity(before - 1, "bags")} of Normal saline 1 L in stock; cannot take ${before}.`);
    await saveScreenshot(page, "inventory-clinic-usage-refused-phone");
  });

  test("clinic staff cannot open another clinic's supplies", async ({ page }) => {
    await signIn(page, "casey@glowiv.example");
    const response = await page.goto("/agency/digital-desk/clinic/loc_denver/supplies");
    expect(response?.status()).toBe(404);
  });
});

test("an agency admin sees the low-stock alert, the forecast behind it, and a lot recall", async ({ page }) => {
  await signIn(page, "alex@digitaldesk.example");
  await page.goto("/agency/digital-desk/admin/inventory");
  await expect(page.getByRole("heading", { name: "Inventory", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Low stock \(\d+\)$/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Expiring soon \(\d+\)$/ })).toBeVisible();
  const alerts = page.getByRole("region", { name: "Supply alerts" });
  const lowSaline = alerts.getByRole("listitem").filter({ hasText: "Glow IV Lounge Austin" }).filter({ hasText: "Normal saline 1 L" });
  await expect(lowSaline).toBeVisible();
  await saveScreenshot(page, "inventory-agency");

  await page.getByLabel("Show").selectOption("low");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=low/);
  await expect(page.getByRole("table").getByText("Low stock").first()).toBeVisible();

  await lowSaline.getByRole("link", { name: "Normal saline 1 L" }).click();
  await expect(page.getByRole("heading", { name: "Normal saline 1 L", level: 1 })).toBeVisible();
  const forecast = page.locator("dl").filter({ hasText: "Days until stockout" });
  await expect(forecast.getByText("Average per day")).toBeVisible();
  await expect(forecast.getByText(/^\d+ days$/)).toBeVisible();
  await expect(forecast.getByText(/^par 80 − \d+ on hand$/)).toBeVisible();
  await expect(page.getByText(/^Over the last 60 days on hand went from/)).toBeVisible();
  await saveScreenshot(page, "inventory-item-forecast");

  await page.goto("/agency/digital-desk/admin/inventory/recall?lot=BX24A117");
  await expect(page.getByRole("heading", { name: "Clinics with lot BX24A117 (3)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Uses of lot BX24A117 \(\d+\)$/ })).toBeVisible();
  await saveScreenshot(page, "inventory-recall");
});
