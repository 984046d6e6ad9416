import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma, resetDatabase } from "../../support/db";
import { actAs, signInAs } from "../../support/auth";
import { seedAgency } from "../../support/tenants";
import type { CrossTenantFeature, World, Who } from "./types";

vi.mock("@/lib/auth/request", () => ({ requestHeaders: vi.fn() }));

/**
 * Zero cross-tenant leakage, proven: a member of agency A calls every server action and every
 * route handler with agency B's slug and B's record ids, and clinic staff of A's first clinic
 * call each with the second clinic's ids. Each call must be refused and no byte of B's data (nor,
 * to clinic staff, of the other clinic) may come back or change.
 * Actions and routes are discovered from the code; cases come from the *.cases.ts files next
 * to this one, one per feature. A new action or route without a case fails this suite.
 */

const features = Object.values(import.meta.glob<CrossTenantFeature>("./*.cases.ts", { eager: true, import: "*" })).flatMap(
  (module) => Object.values(module as Record<string, CrossTenantFeature>),
);
/** Cases for the same action or route from several features (a shared action on each feature's records) run together. */
function mergeCases<C>(maps: Array<Record<string, (w: World) => C[]> | undefined>): Record<string, (w: World) => C[]> {
  const merged: Record<string, (w: World) => C[]> = {};
  for (const map of maps) {
    for (const [key, cases] of Object.entries(map ?? {})) {
      const earlier = merged[key];
      merged[key] = earlier ? (w) => [...earlier(w), ...cases(w)] : cases;
    }
  }
  return merged;
}
const actionCases = mergeCases(features.map((f) => f.actions));
const routeCases = mergeCases(features.map((f) => f.routes));

const ROOT = process.cwd();
function listFiles(dir: string, match: (file: string) => boolean): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && match(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}
const actionFiles = listFiles("actions", (name) => name.endsWith(".ts"));
const routeFiles = listFiles("app", (name) => name === "route.ts");
const modules: Record<string, Record<string, unknown>> = {};

let world: World;

function secretsOfB(): string[] {
  const { B } = world;
  return [
    B.organization.id,
    B.organization.name,
    ...B.clinics.flatMap((c) => [c.id, c.name, c.ghlLocationId]),
    ...B.contacts.flatMap((c) => [c.id, c.firstName!, c.email!]),
    ...[B.owner, B.admin, B.staff].flatMap((m) => [m.user.email, m.user.id, m.member.id]),
    B.invitation.email,
    ...features.flatMap((f) => f.secrets?.(B, world.extra.B) ?? []),
  ].filter((s) => s.length >= 6);
}

/** What clinic staff of A's first clinic must never see of A's second clinic. */
function secretsOfOtherClinic(): string[] {
  const { A } = world;
  const other = A.clinics[1];
  return [other.id, other.name, other.ghlLocationId, ...A.contacts.filter((c) => c.locationId === other.id).flatMap((c) => [c.id, c.firstName!, c.email!])].filter(
    (s) => s.length >= 6,
  );
}

/** A's second clinic's own rows, compared before and after clinic staff of the first one try everything. */
async function snapshotOfOtherClinic() {
  const locationId = world.A.clinics[1].id;
  const [location, contacts, appointments, items, notes] = await Promise.all([
    prisma.location.findUnique({ where: { id: locationId } }),
    prisma.contact.findMany({ where: { locationId }, orderBy: { id: "asc" } }),
    prisma.appointment.findMany({ where: { locationId }, orderBy: { id: "asc" } }),
    prisma.inventoryItem.findMany({ where: { locationId }, orderBy: { id: "asc" }, include: { lots: { orderBy: { id: "asc" } } } }),
    prisma.contactNote.findMany({ where: { contact: { locationId } }, orderBy: { id: "asc" } }),
  ]);
  return { location, contacts, appointments, items, notes };
}

async function snapshotOfB() {
  const organizationId = world.B.organization.id;
  const [organization, members, memberLocations, invitations, locations, contacts, appointments, users] = await Promise.all([
    prisma.organization.findUnique({ where: { id: organizationId } }),
    prisma.member.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.memberLocation.findMany({ where: { organizationId }, orderBy: [{ memberId: "asc" }, { locationId: "asc" }] }),
    prisma.invitation.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.location.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.contact.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.appointment.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.member.findMany({ where: { organizationId }, select: { userId: true } }),
  ]);
  const sessions = await prisma.session.count({ where: { userId: { in: users.map((u) => u.userId) } } });
  const featureRows = await Promise.all(features.map((f) => f.snapshot?.(organizationId)));
  return { organization, members, memberLocations, invitations, locations, contacts, appointments, sessions, featureRows };
}

beforeAll(async () => {
  await resetDatabase();
  const A = await seedAgency("a");
  const B = await seedAgency("b");
  const extra = { A: {} as Record<string, unknown>, B: {} as Record<string, unknown> };
  for (const feature of features) {
    Object.assign(extra.A, await feature.seed?.(A));
    Object.assign(extra.B, await feature.seed?.(B));
  }
  const outsider = await prisma.user.create({ data: { name: "Outsider", email: "outsider@example.com" } });
  const sessions = {
    ownerA: await signInAs(A.owner.user.email),
    adminA: await signInAs(A.admin.user.email),
    staffA: await signInAs(A.staff.user.email),
    outsider: await signInAs(outsider.email),
  } satisfies Record<Who, Headers>;
  // B's people are signed in too, so an action of A's that ended their sessions would show.
  await signInAs(B.owner.user.email);
  for (const file of [...actionFiles, ...routeFiles]) modules[file] = await import(/* @vite-ignore */ path.join(ROOT, file));
  world = {
    A,
    B,
    extra,
    sessions,
    action(key) {
      const [file, name] = key.split("#") as [string, string];
      const fn = modules[file]?.[name];
      if (typeof fn !== "function") throw new Error(`${key} is not an exported function`);
      return fn as (...args: unknown[]) => Promise<unknown>;
    },
  };
});

afterAll(async () => {
  for (const feature of features) await feature.teardown?.();
});

describe("cross-tenant isolation", () => {
  it("has a case for every exported server action", () => {
    const exported = actionFiles.flatMap((file) =>
      Object.entries(modules[file] ?? {})
        .filter(([, value]) => typeof value === "function")
        .map(([name]) => `${file}#${name}`),
    );
    expect(exported.length).toBeGreaterThan(5);
    expect(exported.filter((key) => !actionCases[key])).toEqual([]);
    expect(Object.keys(actionCases).filter((key) => !exported.includes(key))).toEqual([]);
  });

  it("has a case for every route handler", () => {
    expect(routeFiles.filter((file) => !routeCases[file])).toEqual([]);
  });

  it("has a clinic-scope case (clinic staff of one clinic against another clinic's data) for every action and route", () => {
    const staffless = (cases: Record<string, (w: World) => Array<{ who: Who }>>) =>
      Object.entries(cases)
        .filter(([, make]) => !make(world).some((c) => c.who === "staffA"))
        .map(([key]) => key);
    expect([...staffless(actionCases), ...staffless(routeCases)]).toEqual([]);
  });

  it("refuses every action on B's data and returns nothing of B's (nor of another clinic to clinic staff)", async () => {
    const before = await snapshotOfB();
    const otherClinicBefore = await snapshotOfOtherClinic();
    const secrets = secretsOfB();
    const clinicSecrets = secretsOfOtherClinic();
    const failures: string[] = [];
    for (const [key, cases] of Object.entries(actionCases)) {
      for (const c of cases(world)) {
        actAs(world.sessions[c.who]);
        const result = (await c.call()) as { ok: boolean; code?: string };
        const outcome = result.ok ? "ok" : result.code;
        const allowed = c.refusals ?? ["not_found"];
        if (!allowed.includes(outcome ?? "")) failures.push(`${key} (${c.attempt}): got ${outcome}, expected ${allowed.join("|")}`);
        const body = JSON.stringify(result);
        const leaked = [...secrets, ...(c.who === "staffA" ? clinicSecrets : [])].filter((s) => body.includes(s));
        if (leaked.length) failures.push(`${key} (${c.attempt}) leaked ${leaked.join(", ")}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshotOfB()).toEqual(before);
    expect(await snapshotOfOtherClinic()).toEqual(otherClinicBefore);
  });

  it("refuses every route on B's data and returns nothing of B's (nor of another clinic to clinic staff)", async () => {
    const before = await snapshotOfB();
    const otherClinicBefore = await snapshotOfOtherClinic();
    const secrets = secretsOfB();
    const clinicSecrets = secretsOfOtherClinic();
    const failures: string[] = [];
    for (const [file, cases] of Object.entries(routeCases)) {
      for (const c of cases(world)) {
        actAs(world.sessions[c.who]);
        const request = c.request();
        const handler = modules[file]?.[request.method] as ((req: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>) | undefined;
        if (!handler) {
          failures.push(`${file} has no ${request.method} handler`);
          continue;
        }
        const response = await handler(request, { params: Promise.resolve(c.params ?? {}) });
        const body = await response.text();
        if (!c.statuses.includes(response.status)) failures.push(`${file} (${c.attempt}): status ${response.status}`);
        const leaked = [...secrets, ...(c.who === "staffA" ? clinicSecrets : [])].filter((s) => body.includes(s));
        if (leaked.length) failures.push(`${file} (${c.attempt}) leaked ${leaked.join(", ")}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshotOfB()).toEqual(before);
    expect(await snapshotOfOtherClinic()).toEqual(otherClinicBefore);
  });
});
