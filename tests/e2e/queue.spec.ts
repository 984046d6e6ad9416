import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { signIn } from "./support/auth";
import { saveScreenshot } from "./support/screenshots";

const QUEUE = "/agency/digital-desk/admin";
const FAILING_SYNC = "Hydrate Med Spa Denver: GHL sync is failing";

async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `the page is ${overflow}px wider than the screen`).toBeLessThanOrEqual(0);
}

const finding = (page: Page, title: string | RegExp) => page.getByRole("article").filter({ has: page.getByRole("heading", { name: title }) });

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("an admin opens the queue and resolves a finding with a note, then finds it in the history", async ({ page }) => {
    await signIn(page, "alex@digitaldesk.example", QUEUE);
    await page.goto(QUEUE);
    await expect(page.getByRole("heading", { name: "Needs a human today", level: 1 })).toBeVisible();
    const list = page.getByRole("list", { name: "Findings, most urgent first" });
    // The demo's problems, found by the detectors after the first sync.
    await expect(finding(page, FAILING_SYNC)).toBeVisible();
    await expect(list.getByRole("heading", { name: /^Unconfirmed: / }).first()).toBeVisible();
    await expect(list.getByRole("heading", { name: /recalled lot B1224B100/ })).toBeVisible();
    await expect(list.getByRole("heading", { name: /runs out in|: out of / }).first()).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, "queue-phone");

    const unconfirmed = list.getByRole("article").filter({ has: page.getByRole("heading", { name: /^Unconfirmed: / }) }).first();
    const title = (await unconfirmed.getByRole("heading").textContent())!;
    await unconfirmed.getByRole("button", { name: "Resolve" }).tap();
    const dialog = page.getByRole("alertdialog", { name: "Resolve this finding" });
    await expect(dialog).toContainText(title);
    // A note is required: the reason is said beside the field.
    await dialog.getByRole("button", { name: "Resolve" }).tap();
    await expect(dialog.getByText("Say what was done")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await dialog.getByLabel("What was done").fill("Called the patient: confirmed for tomorrow, bringing a friend.");
    await dialog.getByRole("button", { name: "Resolve" }).tap();
    await expect(dialog).toBeHidden();
    await expect(finding(page, title)).toHaveCount(0);

    await page.getByRole("link", { name: "History" }).tap();
    await expect(page).toHaveURL(/view=history/);
    await expect(page.getByLabel("Search")).toHaveAttribute("placeholder", "Words of the finding or note");
    await page.getByLabel("Search").fill("bringing a friend");
    await page.getByRole("button", { name: "Apply" }).tap();
    await expect(page).toHaveURL(/view=history.*q=bringing/);
    const resolved = finding(page, title);
    await expect(resolved).toBeVisible();
    await expect(resolved).toContainText("Called the patient: confirmed for tomorrow, bringing a friend.");
    await expect(resolved).toContainText("Alex Chen");
    await expectNoHorizontalOverflow(page);
    await saveScreenshot(page, "queue-history-phone");
  });

  test("clinic staff see their own clinic's findings on its Today tab, and nothing of other clinics", async ({ page }) => {
    await signIn(page, "jordan@hydrate.example", "/agency/digital-desk/clinic/loc_denver");
    await page.goto("/agency/digital-desk/clinic/loc_denver");
    const panel = page.getByRole("list", { name: /^Needs attention/ });
    await expect(panel).toContainText(FAILING_SYNC);
    await expect(panel).not.toContainText("Glow IV Lounge Austin");
    await expectNoHorizontalOverflow(page);
    await saveScreenshot(page, "queue-clinic-today-phone");
    expect((await page.goto(QUEUE))?.status()).toBe(404);
  });
});

test("an admin retries a failing sync from the queue on a desktop, in one click", async ({ page }) => {
  await signIn(page, "alex@digitaldesk.example", QUEUE);
  await page.goto(QUEUE);
  await page.getByLabel("Kind").selectOption({ label: "GHL sync" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/kind=sync/);
  const failing = finding(page, FAILING_SYNC);
  await expect(failing).toContainText("503");
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "queue-desktop");

  const syncsBefore = await failing.textContent();
  await failing.getByRole("button", { name: "Retry sync now" }).click();
  // The sync runs for real against GoHighLevel (here the sandbox, where Denver's calendar stays down), then the queue is checked again.
  const outcome = failing.getByRole("status").filter({ hasText: "The sync failed again" });
  await expect(outcome).toBeVisible({ timeout: 45_000 });
  await expect(outcome).toContainText("503");
  await saveScreenshot(page, "queue-desktop-retried");
  await page.reload();
  await expect(finding(page, FAILING_SYNC)).not.toHaveText(syncsBefore!);
  await expect(finding(page, FAILING_SYNC)).toContainText(/The last [2-9]\d* syncs failed/);
  await expectNoSeriousA11yViolations(page);
});
