import { DEMO_AGENCY, DEMO_USERS, type DemoRole } from "@/scripts/demo/data";

/**
 * What `npm run dev` does once the server answers: compile the pages of the first sign-in
 * (so the first person to arrive does not wait for them), then say where to go and who to be.
 */

const ROLE_LABELS: Record<DemoRole, string> = {
  platform_admin: "platform admin",
  agency_owner: "agency owner",
  agency_admin: "agency admin",
  clinic_staff: "front desk",
};

/** The routes of a first sign-in, in the order a person meets them. */
export function firstVisitRoutes(): string[] {
  const admin = `/agency/${DEMO_AGENCY.slug}/admin`;
  return ["/login", "/auth/continue", "/dev/mailbox", "/select-agency", admin, `${admin}/contacts`, `${admin}/calendar`];
}

/**
 * Requests each route once so Next compiles it. The edge check sends a request without a
 * session cookie to sign-in before the page is reached, so the warm-up carries a cookie that
 * is present but invalid: the page compiles, finds no session and redirects.
 */
export async function warmRoutes(appUrl: string, routes: string[]): Promise<void> {
  const headers = { cookie: "sidecar.session_token=warm-up" };
  for (const route of routes) {
    await fetch(`${appUrl}${route}`, { redirect: "manual", headers }).catch(() => undefined);
  }
}

export function readyBanner(appUrl: string): string {
  const width = Math.max(...DEMO_USERS.map((user) => ROLE_LABELS[user.role].length));
  const accounts = DEMO_USERS.map((user) => `    ${ROLE_LABELS[user.role].padEnd(width)}  ${user.email}`);
  return [
    "",
    `Sidecar is ready at ${appUrl}`,
    `  Sign in with one of the demo accounts; the sign-in code arrives at ${appUrl}/dev/mailbox`,
    ...accounts,
    "",
  ].join("\n");
}
