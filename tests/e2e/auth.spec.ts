import { expect, test } from "@playwright/test";
import { readCode, readLink, signIn } from "./support/auth";
import { saveScreenshot } from "./support/screenshots";

test.describe("each role lands where it should", () => {
  const landings = [
    { email: "pat@sidecar.example", url: /\/platform$/, heading: "Agencies" },
    { email: "dana@digitaldesk.example", url: /\/agency\/digital-desk\/admin$/, heading: "Needs a human today" },
    { email: "alex@digitaldesk.example", url: /\/agency\/digital-desk\/admin$/, heading: "Needs a human today" },
    { email: "casey@glowiv.example", url: /\/agency\/digital-desk\/clinic\/loc_austin$/, heading: "Today" },
    { email: "jordan@hydrate.example", url: /\/select-agency$/, heading: "Where do you want to go?" },
  ];
  for (const { email, url, heading } of landings) {
    test(email, async ({ page }) => {
      await signIn(page, email);
      await expect(page).toHaveURL(url);
      await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    });
  }
});

test("bad sign-in input gets a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.locator("form[data-ready]").waitFor();
  await page.getByLabel("Work email").fill("not-an-email");
  await page.getByRole("button", { name: "Email me a sign-in code" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();

  await page.getByLabel("Work email").fill("alex@digitaldesk.example");
  await page.getByRole("button", { name: "Email me a sign-in code" }).click();
  const code = await readCode("alex@digitaldesk.example");
  await page.getByLabel("6-digit code").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That code is not right. Check the email and try again.")).toBeVisible();
  await page.getByLabel("6-digit code").fill("12");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The code is the 6 digits from the email")).toBeVisible();
  await saveScreenshot(page, "login-errors");
});

test("an owner invites clinic staff, who accepts and sees only what the role allows", async ({ page, browser }) => {
  const email = `front.desk.${Date.now()}@example.com`;
  await signIn(page, "dana@digitaldesk.example");
  await page.getByRole("navigation", { name: "Agency" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Invite someone" })).toBeVisible();

  const inviteForm = page.getByRole("form", { name: "Invite someone" });
  await inviteForm.getByLabel("Email").fill(email);
  await inviteForm.getByLabel("Role").selectOption("clinic_staff");
  await inviteForm.getByRole("button", { name: "Send invitation" }).click();
  await expect(inviteForm.getByText("Choose at least one clinic for clinic staff.")).toBeVisible();
  await inviteForm.getByRole("checkbox", { name: "Hydrate Med Spa Denver" }).check();
  await inviteForm.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invitation sent to ${email}` })).toBeVisible();
  // Exact: the status line above also contains the address.
  await expect(page.getByText(email, { exact: true })).toBeVisible();
  await saveScreenshot(page, "team-settings");

  const invitee = await browser.newContext();
  const staff = await invitee.newPage();
  const invitePath = await readLink(email, "/invite/");
  await staff.goto(invitePath);
  await expect(staff.getByRole("heading", { name: "Join Digital Desk" })).toBeVisible();
  await staff.getByRole("link", { name: `Sign in as ${email} to accept` }).click();
  await staff.locator("form[data-ready]").waitFor();
  await staff.getByRole("button", { name: "Email me a sign-in code" }).click();
  await staff.getByLabel("6-digit code").fill(await readCode(email));
  await staff.getByRole("button", { name: "Sign in" }).click();
  await staff.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(staff).toHaveURL(/\/agency\/digital-desk\/clinic\/loc_denver$/);
  await expect(staff.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();

  for (const forbidden of ["/agency/digital-desk/clinic/loc_austin", "/agency/digital-desk/admin", "/agency/digital-desk/admin/settings/team", "/platform"]) {
    const response = await staff.goto(forbidden);
    expect(response?.status(), forbidden).toBe(404);
  }
  // The link worked once.
  await staff.goto(invitePath);
  await expect(staff.getByRole("heading", { name: "Invitation already used" })).toBeVisible();
  await invitee.close();
});
