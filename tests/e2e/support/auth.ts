import { expect, type BrowserContext, type Page } from "@playwright/test";

export const MAIL_API = `http://127.0.0.1:${process.env.E2E_MAIL_PORT ?? 3101}`;

interface Mail {
  subject: string;
  text: string;
}

/** The newest mail to `email` that matches `pattern`, read from the SMTP sink the server sends through. */
async function newestMail(email: string, pattern: RegExp): Promise<RegExpMatchArray> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const response = await fetch(`${MAIL_API}/messages?to=${encodeURIComponent(email)}`);
    const mails = (await response.json()) as Mail[];
    const match = mails.map((m) => m.text.match(pattern)).find(Boolean);
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${email} matching ${pattern}`);
}

export async function readCode(email: string): Promise<string> {
  return (await newestMail(email, /code is (\d{6})/))[1]!;
}

/** The path of the newest link under `pathPrefix` mailed to `email` (an invitation, say). */
export async function readLink(email: string, pathPrefix: string): Promise<string> {
  const [link] = await newestMail(email, new RegExp(`https?://\\S+${pathPrefix}\\S+`));
  return new URL(link).pathname;
}

type Cookies = Awaited<ReturnType<BrowserContext["cookies"]>>;
/** Sessions of this worker by email: sign-in codes are rate-limited per address, as in production. */
const sessions = new Map<string, Cookies>();

/**
 * Signs in: with the session this worker already holds for `email` when it is still good,
 * otherwise through the login page with the code that was mailed.
 */
export async function signIn(page: Page, email: string, next?: string) {
  const saved = sessions.get(email);
  if (saved) {
    await page.context().addCookies(saved);
    await page.goto(next ?? "/auth/continue");
    if (!new URL(page.url()).pathname.startsWith("/login")) return;
    await page.context().clearCookies();
    sessions.delete(email);
  }
  await signInWithCode(page, email, next);
  sessions.set(email, await page.context().cookies());
}

/** Signs in through the login page with the code that was mailed. */
export async function signInWithCode(page: Page, email: string, next?: string) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.locator("form[data-ready]").waitFor();
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in code" }).click();
  await expect(page.getByLabel("6-digit code")).toBeVisible();
  await page.getByLabel("6-digit code").fill(await readCode(email));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login") && !url.pathname.startsWith("/auth/continue"));
}
