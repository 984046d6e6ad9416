import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { saveScreenshot } from "./support/screenshots";

/**
 * Medical oversight at the front desk, on a phone: the demo's Austin patient without the
 * current IV therapy consent shows "Consent missing" on the Today tab; the front desk
 * photographs the signed form (the camera input), it goes to storage through a signed URL, and
 * the warning clears.
 */
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const CLINIC = "/agency/digital-desk/clinic/loc_austin";
// A tiny JPEG: what a phone camera hands the page, minus the megabytes.
const PHOTO = Buffer.from(
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==",
  "base64",
);

test("the front desk sees consent missing, photographs the signed form, and the warning clears", async ({ page }) => {
  await signIn(page, "casey@glowiv.example", CLINIC);
  await page.goto(CLINIC);
  const paperwork = page.getByRole("group", { name: /^Paperwork for / });
  // A visit whose only paperwork is the consent, so the photo clears all of it.
  const missing = paperwork.filter({ hasText: "Consent missing" }).filter({ hasNotText: "GFE" });
  await expect(missing.first()).toBeVisible();
  // The demo's day may hold more than one such visit; the front desk clears the first.
  const card = missing.first();
  const patient = ((await card.getAttribute("aria-label")) ?? "").replace("Paperwork for ", "");
  await expect(card.getByRole("button", { name: "Photograph signed form" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "oversight-consent-missing");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  const input = card.locator('input[type="file"]');
  await expect(input).toHaveAttribute("capture", "environment");
  await expect(input).toHaveAttribute("accept", /image\/jpeg/);
  await input.setInputFiles({ name: "IMG_2041.jpg", mimeType: "image/jpeg", buffer: PHOTO });

  // The schedule's warning for that patient clears (the queue's finding about tomorrow's visit stays until the detectors run again).
  const schedule = page.getByRole("list", { name: "Today's appointments" });
  const patientsVisits = schedule.getByRole("listitem").filter({ hasText: patient });
  await expect(patientsVisits.filter({ hasText: "Consent missing" })).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByRole("group", { name: `Paperwork for ${patient}` })).toHaveCount(0);
  await saveScreenshot(page, "oversight-consent-cleared");

  // Still cleared after a reload: the consent is stored, not just hidden.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Today" })).toBeVisible();
  await expect(schedule).toBeVisible();
  await expect(patientsVisits.first()).toBeVisible();
  await expect(patientsVisits.filter({ hasText: "Consent missing" })).toHaveCount(0);
  await expect(page.getByRole("group", { name: `Paperwork for ${patient}` })).toHaveCount(0);
});

test("the agency sets oversight rules per clinic and reads the GFE table's disclaimer", async ({ page }) => {
  await signIn(page, "dana@digitaldesk.example", "/agency/digital-desk/admin/settings/oversight?clinic=loc_austin");
  await page.goto("/agency/digital-desk/admin/settings/oversight?clinic=loc_austin");
  await expect(page.getByRole("heading", { name: /Medical oversight · Glow IV Lounge Austin/ })).toBeVisible();
  await expect(page.getByLabel("Medical director")).toHaveValue("Dr. Elena Ruiz, MD");
  await expect(page.getByText(/Informational only, not legal advice/)).toBeVisible();
  await expect(page.getByText(/IV therapy consent · version 2/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await saveScreenshot(page, "oversight-settings");
});

test("a good-faith exam is recorded with its document on the patient's page, and the document opens", async ({ page }) => {
  await signIn(page, "dana@digitaldesk.example", "/agency/digital-desk/admin/contacts?clinic=loc_austin");
  await page.goto("/agency/digital-desk/admin/contacts?clinic=loc_austin");
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  const contact = hrefs.find((h) => /\/admin\/contacts\/(?!new$|export$)[^/?]+$/.test(h));
  expect(contact).toBeTruthy();
  await page.goto(contact!);
  const exam = page.getByRole("form", { name: "Record a good-faith exam" });
  await expect(exam).toHaveAttribute("data-ready", "true");
  await exam.getByLabel("Examining provider").fill("Maya Patel, NP");
  await exam.getByLabel("Exam document (optional)").setInputFiles({ name: "gfe.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 good-faith exam") });
  await exam.getByRole("button", { name: "Record exam" }).click();
  await expect(exam.getByText("Exam recorded.")).toBeVisible({ timeout: 20_000 });
  const record = page.getByRole("listitem").filter({ hasText: "Maya Patel, NP · examined" }).first();
  await expect(record).toBeVisible();
  const link = record.getByRole("link", { name: "Exam document" });
  const href = await link.getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(await response.text()).toBe("%PDF-1.4 good-faith exam");
  await expectNoSeriousA11yViolations(page);
});
