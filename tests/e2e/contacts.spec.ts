import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { saveScreenshot } from "./support/screenshots";

const CONTACTS = "/agency/digital-desk/admin/contacts";

test("an agency admin creates, edits and finds a contact", async ({ page }) => {
  const unique = Date.now().toString(36).slice(-5);
  await signIn(page, "alex@digitaldesk.example");
  await page.getByRole("navigation", { name: "Agency" }).getByRole("link", { name: "Contacts" }).click();
  await expect(page.getByRole("heading", { name: "Contacts", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Contact pages" })).toContainText(/\d{3} contacts/);
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "contacts-list");

  // Bad input gets field-level messages and reaches nothing.
  await page.getByRole("link", { name: "New contact" }).click();
  const form = page.locator("form[data-ready]").and(page.getByRole("form", { name: "New contact" }));
  await form.getByLabel("Phone").fill("12");
  await form.getByLabel("Email").fill("not-an-email");
  // The browser checks the form with the action's own schema before anything is sent.
  const actionPosts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) actionPosts.push(request.url());
  });
  await form.getByRole("button", { name: "Add contact" }).click();
  await expect(form.getByText("Enter a valid phone number")).toBeVisible();
  await expect(form.getByText("Enter a valid email address")).toBeVisible();
  await expect(form.getByText("Please correct the fields marked below.")).toBeVisible();
  expect(actionPosts).toEqual([]);
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "contact-new-errors");
  // A field being corrected drops its message at once; the other stays until it is fixed.
  await form.getByLabel("Phone").fill("(303) 555-0142");
  await expect(form.getByText("Enter a valid phone number")).toHaveCount(0);
  await expect(form.getByText("Enter a valid email address")).toBeVisible();

  await form.getByLabel("Clinic").selectOption({ label: "Hydrate Med Spa Denver" });
  await form.getByLabel("First name").fill("Quinta");
  await form.getByLabel("Last name").fill(`Zephyr${unique}`);
  await form.getByLabel("Phone").fill("(303) 555-0142");
  await form.getByLabel("Email").fill(`quinta.${unique}@example.com`);
  await form.getByLabel("Tags").fill("VIP, first-visit");
  await form.getByRole("button", { name: "Add contact" }).click();

  await expect(page.getByRole("heading", { name: `Quinta Zephyr${unique}`, level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "(303) 555-0142" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Hydrate Med Spa Denver");
  await page.getByLabel("Add a note").fill("Prefers the afternoon.");
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(page.getByText("Prefers the afternoon.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Prefers the afternoon." })).toContainText(/Alex Chen · \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M M[SD]T/);
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "contact-page");

  await page.getByRole("link", { name: "Edit" }).click();
  const edit = page.locator("form[data-ready]").and(page.getByRole("form", { name: "Edit contact" }));
  await edit.getByLabel("First name").fill("Quintana");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: `Quintana Zephyr${unique}`, level: 1 })).toBeVisible();

  // Found by part of the name, and by the phone as people type it; the filters stay in the URL.
  await page.goto(CONTACTS);
  await page.getByRole("searchbox", { name: "Search" }).fill(`zephyr${unique}`);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`q=zephyr${unique}`));
  await expect(page.getByRole("link", { name: `Quintana Zephyr${unique}` })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search" }).fill("303-555-0142");
  await page.getByLabel("Tag").selectOption("vip");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("link", { name: `Quintana Zephyr${unique}` })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "contacts-search");

  // Delete asks first.
  await page.getByRole("link", { name: `Quintana Zephyr${unique}` }).click();
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("deleted in GoHighLevel too");
  await page.getByRole("button", { name: "Delete contact" }).click();
  await expect(page).toHaveURL(new RegExp(`${CONTACTS}$`));

  // A contact that does not exist (or is another agency's) is a real 404, not a page that says so.
  const missing = await page.goto(`${CONTACTS}/no-such-contact`);
  expect(missing?.status()).toBe(404);
  expect((await page.goto(`${CONTACTS}/no-such-contact/edit`))?.status()).toBe(404);
});

test("clinic staff find and quick-add a contact on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "casey@glowiv.example");
  await page.getByRole("link", { name: "Contacts" }).click();
  await expect(page.getByRole("heading", { name: "Find a contact" })).toBeVisible();
  const unique = Date.now().toString(36).slice(-5);
  const quick = page.locator("form[data-ready]").and(page.getByRole("form", { name: "New contact" }));
  await quick.getByLabel("First name").fill("Walk");
  await quick.getByLabel("Last name").fill(`In${unique}`);
  await quick.getByLabel("Phone").fill("512 555 0177");
  await quick.getByRole("button", { name: "Add contact" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  await page.getByRole("searchbox").fill(`in${unique}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(`Walk In${unique}`)).toBeVisible();
  await expect(page.getByRole("link", { name: `Call Walk In${unique}` })).toHaveAttribute("href", "tel:+15125550177");
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, "clinic-contacts-phone");
});
