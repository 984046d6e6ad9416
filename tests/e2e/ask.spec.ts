import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { saveScreenshot } from "./support/screenshots";

const ASK = "/agency/digital-desk/admin/insights";

/**
 * Ask Sidecar against the OpenAI-compatible stand-in the e2e server starts: the real OpenAI
 * provider streams from it, the tools run against the seeded demo agency.
 */
async function askSuggested(page: Page, question: string) {
  await page.goto(ASK);
  await expect(page.getByRole("heading", { name: "Ask Sidecar", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: question, exact: true }).click();
  const conversation = page.getByRole("list", { name: "Conversation" });
  await expect(conversation.getByText(question)).toBeVisible();
  return conversation;
}

test("an owner asks a suggested question and gets a streamed answer citing the clinics", async ({ page }) => {
  await signIn(page, "dana@digitaldesk.example");
  const conversation = await askSuggested(page, "Which clinics had the most no-shows last month?");

  // The tool activity, then the answer with links to each clinic's dashboard.
  await expect(conversation.getByText(/Looked up show and no-show rates for \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/)).toBeVisible();
  const answer = conversation.getByRole("listitem").filter({ hasText: "Here is what I found" });
  await expect(answer).toBeVisible();
  const citation = answer.getByRole("link", { name: "Austin" }).first();
  await expect(citation).toHaveAttribute("href", /\/agency\/digital-desk\/admin\/dashboard\?clinic=loc_austin/);
  await expect(answer.getByRole("button", { name: "Copy answer" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "ask-answer");

  // Kept in the member's history, and deleted after a confirmation.
  const history = page.getByRole("navigation", { name: "Your conversations" });
  // The demo agency's owner already asked this once (the demo seed): now twice, newest first.
  await expect(history.getByRole("link", { name: "Which clinics had the most no-shows last month?" })).toHaveCount(2);
  await expect(page).toHaveURL(/\?c=/);
  await page.reload();
  await expect(page.getByRole("list", { name: "Conversation" }).getByRole("link", { name: "Austin" }).first()).toBeVisible();
  await history.getByRole("button", { name: "Delete “Which clinics had the most no-shows last month?”" }).first().click();
  await expect(page.getByRole("alertdialog")).toContainText("deleted for good");
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(history.getByRole("link", { name: "Which clinics had the most no-shows last month?" })).toHaveCount(1);
  await expect(page).toHaveURL(new RegExp(`${ASK}$`));

});

test("a citation opens the cited record", async ({ page }) => {
  await signIn(page, "alex@digitaldesk.example");
  const conversation = await askSuggested(page, "What will we run out of before Friday?");
  const answer = conversation.getByRole("listitem").filter({ hasText: "Here is what I found" });
  await expect(answer.getByRole("button", { name: "Copy answer" })).toBeVisible();
  const link = answer.getByRole("link").first();
  await expect(link).toHaveAttribute("href", /\/agency\/digital-desk\/admin\/inventory\//);
  await link.click();
  await expect(page).toHaveURL(/\/admin\/inventory\//);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("clinic staff ask from their clinic's pages and get only their clinic's records", async ({ page }) => {
    await signIn(page, "casey@glowiv.example");
    await page.goto("/agency/digital-desk/clinic/loc_austin");
    await page.getByRole("navigation", { name: "Clinic" }).getByRole("link", { name: "Ask" }).tap();
    await expect(page.getByRole("heading", { name: "Ask Sidecar", level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Which upcoming appointments need attention?" }).tap();
    const conversation = page.getByRole("list", { name: "Conversation" });
    const answer = conversation.getByRole("listitem").filter({ hasText: /Here is what I found|found nothing/ });
    await expect(answer).toBeVisible();
    // Every link is to Casey's own clinic's pages.
    const hrefs = await conversation.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^\/agency\/digital-desk\/clinic\/loc_austin(\/|$)/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, "ask-clinic-phone");
  });

  test("an owner's chat fits a phone", async ({ page }) => {
    await signIn(page, "dana@digitaldesk.example");
    const conversation = await askSuggested(page, "What will we run out of before Friday?");
    await expect(conversation.getByRole("listitem").filter({ hasText: /Here is what I found|found nothing/ })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(page, "ask-phone");
  });
});

test("an owner sets the agency's monthly Ask Sidecar budget in Settings, and a bad value is refused beside the field", async ({ page }) => {
  await signIn(page, "dana@digitaldesk.example");
  await page.goto("/agency/digital-desk/admin/settings/security");
  const card = page.locator("form").filter({ has: page.getByLabel("Tokens per month") });
  const field = card.getByLabel("Tokens per month");
  await expect(page.getByRole("heading", { name: "Ask Sidecar budget" })).toBeVisible();
  await field.fill("-5");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByText("Cannot be negative (0 switches Ask Sidecar off)", { exact: true })).toBeVisible();
  await field.fill("250000");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(page.getByLabel("Tokens per month")).toHaveValue("250000");
  await expectNoSeriousA11yViolations(page);
});
