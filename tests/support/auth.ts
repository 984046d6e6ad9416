import { vi } from "vitest";
import { auth } from "@/lib/auth/auth";
import { prisma } from "@/lib/db/client";
import { requestHeaders } from "@/lib/auth/request";

/**
 * Signs a user in through Better Auth for real (sign-in code from the dev mailbox) and returns
 * request headers carrying the session cookie.
 */
export async function signInAs(email: string): Promise<Headers> {
  await auth.api.sendVerificationOTP({ body: { email, type: "sign-in" } });
  const mail = await prisma.devMail.findFirst({ where: { to: email.toLowerCase() }, orderBy: { createdAt: "desc" } });
  const otp = mail?.text.match(/code is (\d{6})/)?.[1];
  if (!otp) throw new Error(`no sign-in code was mailed to ${email}`);
  const response = await auth.api.signInEmailOTP({ body: { email, otp }, asResponse: true });
  if (!response.ok) throw new Error(`sign-in failed for ${email}: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c?.includes("session_token"));
  if (!cookie) throw new Error("no session cookie was set");
  return new Headers({ cookie });
}

/**
 * Makes the server code see `headers` as the current request's headers. The test file must
 * `vi.mock("@/lib/auth/request")` for this to take effect.
 */
export function actAs(headers: Headers | null) {
  vi.mocked(requestHeaders).mockImplementation(async () => new Headers(headers ?? undefined));
}
