import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { saveScreenshot } from "./support/screenshots";
import { signIn } from "./support/auth";

test("the home page explains Sidecar and links to sign-in", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Run every clinic from one place");
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  const file = await saveScreenshot(page, "home");
  expect(fs.statSync(file).size).toBeGreaterThan(10_000);
});

test("the health route reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", db: "ok" });
  expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("the demo agency dashboard shows its clinics and counts from the database", async ({ page }) => {
  await signIn(page, "dana@digitaldesk.example");
  await expect(page).toHaveURL(/\/agency\/digital-desk\/admin$/);
  // The queue is the landing view; the dashboard is its own tab.
  await expect(page.getByRole("heading", { name: "Needs a human today", level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "Agency" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page).toHaveURL(/\/agency\/digital-desk\/admin\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Clinics" });
  await expect(table.getByRole("link")).toHaveText(["Glow IV Lounge Austin", "Hydrate Med Spa Denver", "Revive Drip Bar Miami"]);
  // 120 demo contacts, and whatever other tests have added since.
  const austinContacts = await table.getByRole("row", { name: /Glow IV Lounge Austin/ }).getByRole("cell").nth(1).textContent();
  expect(Number(austinContacts)).toBeGreaterThanOrEqual(120);
  await expect(page.getByRole("figure").getByRole("table")).toHaveCount(1);
  await saveScreenshot(page, "dashboard");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("button", { name: "Open menu" }).click();
  await page.getByRole("navigation", { name: "Agency" }).getByRole("link", { name: "Inventory" }).click();
  await expect(page.getByRole("heading", { name: "Inventory", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Low stock \(\d+\)$/ })).toBeVisible();
  await saveScreenshot(page, "inventory-phone");
});

test("signed-out visitors are sent to sign in, and an unknown agency is a 404", async ({ page }) => {
  await page.goto("/agency/digital-desk/admin");
  await expect(page).toHaveURL(/\/login\?next=%2Fagency%2Fdigital-desk%2Fadmin/);
  await signIn(page, "alex@digitaldesk.example", "/agency/no-such-agency/admin");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
