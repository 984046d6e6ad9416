import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/auth/[...all]/route";
import { auth } from "@/lib/auth/auth";
import { SERVED_AUTH_PATHS } from "@/lib/auth/endpoints";
import { getSessionFromHeaders, DEFAULT_IDLE_MINUTES } from "@/lib/auth/session";
import { prisma, resetDatabase } from "../support/db";
import { signInAs } from "../support/auth";
import { seedAgency, type SeededAgency } from "../support/tenants";

let agency: SeededAgency;
let headers: Headers;
let sessionId: string;

/** Every endpoint Better Auth defines, served or not: the idle policy must hold against all of them. */
const EVERY_AUTH_PATH = [
  ...new Set([
    ...Object.values(auth.api as Record<string, { path?: string }>)
      .map((endpoint) => endpoint.path)
      .filter((path): path is string => typeof path === "string" && path.startsWith("/")),
    ...SERVED_AUTH_PATHS,
  ]),
]
  // Signing out ends the session (which is no revival); it goes last so the rest still carry it.
  .sort((a, b) => Number(a === "/sign-out") - Number(b === "/sign-out"));

async function callEveryEndpoint(cookie: Headers) {
  const statuses: Record<string, number[]> = {};
  for (const path of EVERY_AUTH_PATH) {
    if (path === "/sign-out") continue;
    const url = `http://localhost:3000/api/auth${path}`;
    const get = await GET(new Request(url, { headers: cookie }));
    const post = await POST(new Request(url, { method: "POST", headers: new Headers([...cookie, ["content-type", "application/json"], ["origin", "http://localhost:3000"]]), body: "{}" }));
    statuses[path] = [get.status, post.status];
  }
  return statuses;
}

async function sessionRow() {
  return prisma.session.findUnique({ where: { id: sessionId }, select: { updatedAt: true, expiresAt: true } });
}

beforeAll(async () => {
  await resetDatabase();
  agency = await seedAgency("s");
});

beforeEach(async () => {
  headers = await signInAs(agency.admin.user.email);
  sessionId = (await getSessionFromHeaders(headers))!.sessionId;
});

describe("the idle policy is the only thing that extends a session", () => {
  it("knows the auth endpoints it is probing", () => {
    expect(EVERY_AUTH_PATH).toEqual(expect.arrayContaining(["/get-session", "/list-sessions", "/update-session", "/sign-in/email-otp", "/organization/set-active"]));
    expect(EVERY_AUTH_PATH.length).toBeGreaterThan(30);
  });

  it("an idle session stays idle after every auth endpoint is called with its cookie, then ends", async () => {
    const idleSince = new Date(Date.now() - (DEFAULT_IDLE_MINUTES + 1) * 60_000);
    await prisma.session.update({ where: { id: sessionId }, data: { updatedAt: idleSince } });
    const before = await sessionRow();

    const statuses = await callEveryEndpoint(headers);
    expect(statuses["/get-session"]).toEqual([404, 404]);
    expect(await sessionRow()).toEqual(before);

    expect(await getSessionFromHeaders(headers)).toBeNull();
    expect(await sessionRow()).toBeNull();
  });

  it("no auth endpoint moves the 7-day expiry, and a session past it is over however active", async () => {
    // A session signed in six days ago and active a minute ago.
    const expiresAt = new Date(Date.now() + 24 * 3600_000);
    await prisma.session.update({ where: { id: sessionId }, data: { expiresAt, updatedAt: new Date(Date.now() - 60_000) } });
    await callEveryEndpoint(headers);
    expect((await sessionRow())?.expiresAt).toEqual(expiresAt);

    // Sidecar's own reads record activity but leave the lifetime alone.
    expect(await getSessionFromHeaders(headers)).not.toBeNull();
    expect((await sessionRow())?.expiresAt).toEqual(expiresAt);

    await prisma.session.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1_000), updatedAt: new Date() } });
    expect(await getSessionFromHeaders(headers)).toBeNull();
  });

  it("serves only the sign-in endpoints", async () => {
    const statuses = await callEveryEndpoint(headers);
    const served = Object.entries(statuses)
      .filter(([, [get, post]]) => get !== 404 || post !== 404)
      .map(([path]) => path);
    expect(served.every((path) => SERVED_AUTH_PATHS.has(path))).toBe(true);
  });
});
