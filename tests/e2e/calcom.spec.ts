import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { saveScreenshot } from "./support/screenshots";

const MIAMI = { id: "loc_miami", name: "Revive Drip Bar Miami", timezone: "America/New_York" };
const MYERS = 91001;
const CALENDAR = "/agency/digital-desk/admin/calendar";

/** A Monday-to-Saturday date at Miami a few days ahead (the demo Cal.com host's working days). */
function openDayAhead(): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: MIAMI.timezone }).format(new Date());
  for (let days = 3; ; days++) {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    if (new Date(`${date}T00:00:00Z`).getUTCDay() !== 0) return date;
  }
}

test("an admin books a Cal.com slot for the Miami clinic and sees it on the same calendar as GHL appointments", async ({ page }) => {
  await signIn(page, "alex@digitaldesk.example");
  const date = openDayAhead();
  await page.goto(`${CALENDAR}/new?clinic=${MIAMI.id}&date=${date}`);
  await expect(page.getByRole("heading", { name: "Book appointment", level: 1 })).toBeVisible();
  // The clinic's Cal.com event types sit beside its GHL calendars.
  await page.getByLabel("Calendar").selectOption({ label: "Myers' Cocktail (Cal.com)" });
  await expect(page).toHaveURL(new RegExp(`calendar=calcom%3A${MYERS}`));
  await expect(page.getByText("Booked in Cal.com first, then shown here.")).toBeVisible();

  await page.getByLabel("Find a patient").fill("0005@example.com");
  const match = page.getByRole("list", { name: "Matching patients" }).getByRole("link").first();
  await expect(match).toBeVisible();
  const patient = (await match.locator("span").first().textContent())!.trim();
  await match.click();
  await expect(page.getByRole("link", { name: "Change patient" })).toBeVisible();

  const form = page.getByRole("form", { name: "Book through Cal.com" });
  const freeTimes = form.getByRole("group", { name: "Free times in Cal.com" }).getByRole("button");
  await expect(freeTimes.first()).toBeVisible();
  const slot = freeTimes.last();
  const label = (await slot.textContent())!.trim();
  await slot.click();
  await expect(slot).toHaveAttribute("aria-pressed", "true");
  await expect(form.getByText("Lasts 45 minutes.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "calcom-book");
  await form.getByRole("button", { name: "Book in Cal.com" }).click();

  // The demo's GHL appointments move with the date: on some days Cal.com's last free time overlaps
  // one of them, and Sidecar asks why before booking both.
  const appointmentPage = page.getByRole("heading", { name: patient, level: 1 });
  const taken = form.getByText(/This time is already taken in GoHighLevel/);
  await expect(appointmentPage.or(taken)).toBeVisible();
  if (await taken.isVisible()) {
    await form.getByLabel("Reason for the double booking").fill("Second nurse on shift");
    await form.getByRole("button", { name: "Book anyway" }).click();
  }
  await expect(appointmentPage).toBeVisible();
  await expect(page.getByText("Booked in Cal.com.")).toBeVisible();
  await expect(page.getByText("Booked through")).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^Cal\.com$/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "calcom-appointment");

  // The week at Miami: the Cal.com booking among GoHighLevel's appointments.
  await page.goto(`${CALENDAR}?view=week&date=${date}&clinic=${MIAMI.id}`);
  const links = page.getByRole("main").getByRole("link").filter({ hasText: /\d{1,2}:\d{2}/ });
  const booked = links.filter({ hasText: patient }).filter({ hasText: "Cal.com" });
  await expect(booked.first()).toBeVisible();
  await expect(booked.first()).toContainText(label.split(" ")[0]!);
  await expect(links.filter({ hasNotText: "Cal.com" }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "calcom-week");
});

test("Settings → Integrations shows the Cal.com connection and its event types mapped to Miami, on a phone too", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await signIn(page, "dana@digitaldesk.example");
  await page.goto("/agency/digital-desk/admin/settings/integrations");
  await expect(page.getByRole("heading", { name: "Cal.com", level: 2 })).toBeVisible();
  await expect(page.getByText("bookings@revivedrip.example")).toBeVisible();
  const mapping = page.getByRole("form", { name: "Map Myers' Cocktail" });
  await expect(mapping.getByLabel("Clinic")).toHaveValue(MIAMI.id);
  await expectNoSeriousA11yViolations(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await saveScreenshot(page, "calcom-integrations-phone");
  await phone.close();
});
