import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { saveScreenshot } from "./support/screenshots";

const PAGE = "/agency/digital-desk/admin/prevention?clinic=loc_austin";

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function noSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

test("an agency admin sets the clinic's policy; an impossible window is refused beside its field", async ({ page }) => {
  await signIn(page, "alex@digitaldesk.example");
  await page.goto(PAGE);
  await expect(page.getByRole("heading", { name: "No-show prevention", level: 1 })).toBeVisible();
  const policy = page.getByRole("form", { name: "Prevention policy" });
  await expect(policy.getByLabel("Send confirmation texts for this clinic")).toBeChecked();
  await expect(page.getByRole("list", { name: "Messages" })).toContainText("Unknown number");
  await expectNoSeriousA11yViolations(page);

  await policy.getByLabel("Send (hours before)").fill("24");
  await policy.getByLabel("Reply deadline (hours before)").fill("24");
  await policy.getByRole("button", { name: "Save policy" }).click();
  await expect(policy.getByText(/The reply deadline \(24 h before\) must come at least 1 hour after the message goes out/)).toBeVisible();
  await expect(policy.getByLabel("Reply deadline (hours before)")).toHaveAttribute("aria-invalid", "true");

  await policy.getByLabel("Reply deadline (hours before)").fill("12");
  await policy.getByLabel("Risk threshold (%)").fill("35");
  await policy.getByRole("button", { name: "Save policy" }).click();
  await expect(policy.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(page.getByRole("form", { name: "Prevention policy" }).getByLabel("Risk threshold (%)")).toHaveValue("35");
  await saveScreenshot(page, "prevention-policy");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the front desk keeps the waitlist: a past date is refused, an entry is added and removed, an offer withdrawn, all after confirming", async ({ page }) => {
    await signIn(page, "alex@digitaldesk.example");
    await page.goto(PAGE);
    const form = page.getByRole("form", { name: "Add to the waitlist" });
    await expect(form).toBeVisible();
    const entries = page.getByRole("list", { name: "Waitlist entries" }).getByRole("listitem");
    const before = await entries.count();
    expect(before).toBeGreaterThan(0);
    await noSidewaysScroll(page);

    await form.getByLabel("Contact").selectOption({ index: 1 });
    await form.getByLabel("Waiting until").fill(isoDay(-2));
    await form.getByRole("checkbox", { name: "Tue" }).check();
    await form.getByRole("button", { name: "Add to waitlist" }).tap();
    await expect(form.getByText("The entry would expire on a past date; pick today or later.")).toBeVisible();
    await expect(entries).toHaveCount(before);

    await form.getByLabel("Waiting until").fill(isoDay(14));
    await form.getByRole("button", { name: "Add to waitlist" }).tap();
    await expect(form.getByRole("status")).toHaveText("Added to the waitlist.");
    await expect(entries).toHaveCount(before + 1);
    await expect(entries.last()).toContainText("Tue");
    await saveScreenshot(page, "prevention-waitlist-phone");

    // Destructive steps ask first; cancelling the dialog changes nothing.
    await entries.last().getByRole("button", { name: "Remove" }).tap();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("off the waitlist?");
    await dialog.getByRole("button", { name: "Cancel" }).tap();
    await expect(entries).toHaveCount(before + 1);
    await entries.last().getByRole("button", { name: "Remove" }).tap();
    await page.getByRole("alertdialog").getByRole("button", { name: "Take off the waitlist" }).tap();
    await expect(entries).toHaveCount(before);

    const slots = page.getByRole("list", { name: "Freed slots" });
    await slots.getByRole("button", { name: "Withdraw" }).first().tap();
    await page.getByRole("alertdialog").getByRole("button", { name: "Withdraw offer" }).tap();
    await expect(slots).toContainText("Withdrawn");
    await noSidewaysScroll(page);
    await expectNoSeriousA11yViolations(page);
  });

  test("clinic staff open their clinic's Waitlist tab, with the texts it sent, and not another clinic's", async ({ page }) => {
    await signIn(page, "casey@glowiv.example");
    await page.goto("/agency/digital-desk/clinic/loc_austin");
    await page.getByRole("navigation", { name: "Clinic" }).getByRole("link", { name: "Waitlist" }).tap();
    await expect(page.getByRole("heading", { name: "Waitlist", level: 1 })).toBeVisible();
    await expect(page.getByRole("form", { name: "Prevention policy" })).toHaveCount(0);
    await expect(page.getByRole("list", { name: "Waitlist entries" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Messages" })).toContainText("Confirmation");
    await noSidewaysScroll(page);
    await expectNoSeriousA11yViolations(page);
    const response = await page.goto("/agency/digital-desk/clinic/loc_denver/waitlist");
    expect(response?.status()).toBe(404);
  });
});
