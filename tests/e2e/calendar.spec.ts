import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { saveScreenshot } from "./support/screenshots";

const AUSTIN = { id: "loc_austin", name: "Glow IV Lounge Austin", timezone: "America/Chicago" };
const CALENDAR = "/agency/digital-desk/admin/calendar";

/** A date on Austin's calendar, `days` from today there. */
function austinDate(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: AUSTIN.timezone }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A weekday (the demo calendar is open Monday to Saturday) a few days ahead. */
function openDayAhead(): string {
  for (let days = 3; ; days++) {
    const date = austinDate(days);
    if (new Date(`${date}T00:00:00Z`).getUTCDay() !== 0) return date;
  }
}

/** Picks Austin's demo patient number `n` by email (it ends in .000n@example.com); returns their name. */
async function choosePatient(page: Page, n: string): Promise<string> {
  await page.getByLabel("Find a patient").fill(`${n}@example.com`);
  const match = page.getByRole("list", { name: "Matching patients" }).getByRole("link").first();
  await expect(match).toBeVisible();
  const name = (await match.locator("span").first().textContent())!.trim();
  await match.click();
  await expect(page.getByRole("link", { name: "Change patient" })).toBeVisible();
  return name;
}

test("an agency admin books an appointment from GHL's free times and cancels it", async ({ page }) => {
  await signIn(page, "alex@digitaldesk.example");
  await page.getByRole("navigation", { name: "Agency" }).getByRole("link", { name: "Calendar" }).click();
  await expect(page.getByRole("heading", { name: "Calendar", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "View" }).getByRole("link", { name: "Week" })).toHaveAttribute("aria-current", "page");
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "calendar-week");

  // The view and the clinic filter live in the URL, and the keyboard moves the period.
  await page.getByRole("link", { name: "Month" }).click();
  await expect(page).toHaveURL(/view=month/);
  await page.getByLabel("Clinic").selectOption({ label: AUSTIN.name });
  await expect(page).toHaveURL(new RegExp(`clinic=${AUSTIN.id}`));
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "calendar-month");
  const month = await page.getByRole("heading", { level: 2 }).first().textContent();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("heading", { level: 2 }).first()).not.toHaveText(month!);

  const date = openDayAhead();
  await page.goto(`${CALENDAR}/new?clinic=${AUSTIN.id}&date=${date}`);
  await expect(page.getByRole("heading", { name: "Book appointment", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "Book appointment" });
  // Field-level messages before anything reaches GHL.
  await form.getByLabel("Length (minutes)").fill("2");
  await form.getByRole("button", { name: "Book appointment" }).click();
  await expect(form.getByText("Choose a patient")).toBeVisible();
  await expect(form.getByText("Enter a time")).toBeVisible();
  await expect(form.getByText("An appointment lasts at least 5 minutes")).toBeVisible();

  const patient = await choosePatient(page, "0001");
  await form.getByLabel("Length (minutes)").fill("60");
  const freeTimes = form.getByRole("group", { name: "Free times in GoHighLevel" }).getByRole("button");
  await expect(freeTimes.first()).toBeVisible();
  await freeTimes.first().click();
  await expect(freeTimes.first()).toHaveAttribute("aria-pressed", "true");
  await form.getByLabel("Treatment (optional)").fill("Myers' Cocktail");
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "calendar-book");
  await form.getByRole("button", { name: "Book appointment" }).click();

  await expect(page.getByRole("heading", { name: patient, level: 1 })).toBeVisible();
  await expect(page.getByText("Booked in GoHighLevel.")).toBeVisible();
  await expect(page.getByText("Myers' Cocktail")).toBeVisible();
  await expect(page.getByText(/America\/Chicago \(C[SD]T\)/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "appointment-details");

  await page.getByRole("button", { name: "Cancel appointment" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Cancel this appointment?" });
  await dialog.getByRole("button", { name: "Cancel appointment" }).click();
  await expect(page.getByText("This appointment is cancelled.")).toBeVisible();
  await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();

  // The day view of that clinic shows it, struck through but still there.
  await page.getByRole("main").getByRole("link", { name: "Calendar", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`view=day&date=${date}&clinic=${AUSTIN.id}`));
  await expectNoSeriousA11yViolations(page);
  await expect(page.getByRole("link", { name: new RegExp(`${patient}.*Myers' Cocktail`) })).toContainText("Cancelled");
});

test("clinic staff check a patient in from a phone", async ({ page, browser }) => {
  // The agency books today's visit at Austin, before opening, where no demo appointment sits.
  await signIn(page, "alex@digitaldesk.example");
  await page.goto(`${CALENDAR}/new?clinic=${AUSTIN.id}&date=${austinDate(0)}`);
  const patient = await choosePatient(page, "0002");
  const form = page.getByRole("form", { name: "Book appointment" });
  await form.getByLabel("Start time").fill("07:00");
  await form.getByLabel("Length (minutes)").fill("30");
  await form.getByRole("button", { name: "Book appointment" }).click();
  // Before opening is outside the calendar's free slots: GHL refuses it until the desk books anyway.
  const warning = form.getByRole("alert").filter({ hasText: "not one of the calendar's free slots" });
  await expect(warning).toContainText("skip its free-slot check");
  await warning.getByRole("button", { name: "Book anyway" }).click();
  await expect(page.getByText("Booked in GoHighLevel.")).toBeVisible();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const desk = await phone.newPage();
  await signIn(desk, "casey@glowiv.example");
  await expect(desk).toHaveURL(new RegExp(`/clinic/${AUSTIN.id}$`));
  await expect(desk.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await expect(desk.getByRole("navigation", { name: "Clinic" }).getByRole("link", { name: "Today" })).toHaveAttribute("aria-current", "page");
  const row = desk.getByRole("listitem").filter({ hasText: patient }).filter({ hasText: "7:00" });
  await expect(row.getByText("Confirmed")).toBeVisible();
  await expectNoSeriousA11yViolations(desk);
  await saveScreenshot(desk, "clinic-today-phone");

  await row.getByRole("button", { name: `Check in ${patient}` }).click();
  await expect(row.getByText("Checked in", { exact: true })).toBeVisible();
  // A wrong tap costs one more tap.
  await row.getByRole("button", { name: `Undo for ${patient}` }).click();
  await expect(row.getByText("Confirmed")).toBeVisible();
  await row.getByRole("button", { name: `Check in ${patient}` }).click();
  await expect(row.getByText("Checked in", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: `Check in ${patient}` })).toHaveCount(0);
  await expectNoSeriousA11yViolations(desk);
  await saveScreenshot(desk, "clinic-today-checked-in");

  // The check-in went to GHL and back: it is still there after a reload.
  await desk.reload();
  await expect(desk.getByRole("listitem").filter({ hasText: patient }).filter({ hasText: "7:00" }).getByText("Checked in", { exact: true })).toBeVisible();
  await phone.close();
});
