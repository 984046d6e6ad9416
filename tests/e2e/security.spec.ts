import { expect, test } from "@playwright/test";
import { signIn, signInWithCode } from "./support/auth";

const HOSTILE_NEXT = ["/\t/evil.example", "/\\evil.example", "//evil.example", "https://evil.example", "/\n/evil.example"];

test("signing in with a hostile next lands on Sidecar, not elsewhere", async ({ page, baseURL }) => {
  await signInWithCode(page, "dana@digitaldesk.example", HOSTILE_NEXT[0]);
  expect(new URL(page.url()).origin).toBe(baseURL);
  await expect(page).toHaveURL(/\/agency\/digital-desk\/admin$/);
});

test("a signed-in person following /auth/continue with a hostile next stays on Sidecar", async ({ page, baseURL }) => {
  await signIn(page, "dana@digitaldesk.example");
  for (const next of HOSTILE_NEXT) {
    await page.goto(`/auth/continue?next=${encodeURIComponent(next)}`);
    expect(new URL(page.url()).origin, next).toBe(baseURL);
    await expect(page, next).toHaveURL(/\/agency\/digital-desk\/admin$/);
  }
  // A same-site next is still followed.
  await page.goto(`/auth/continue?next=${encodeURIComponent("/agency/digital-desk/admin/contacts")}`);
  await expect(page).toHaveURL(/\/agency\/digital-desk\/admin\/contacts$/);
});

test("the production build serves no dev mailbox and no session endpoint", async ({ request }) => {
  expect((await request.get("/dev/mailbox")).status()).toBe(404);
  expect((await request.get("/dev/mailbox?to=dana@digitaldesk.example")).status()).toBe(404);
  expect((await request.get("/api/auth/get-session")).status()).toBe(404);
});
