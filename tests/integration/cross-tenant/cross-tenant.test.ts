import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startImpersonationAction } from "@/actions/platform/start-impersonation";
import type { Permission } from "@/lib/auth/permissions";
import { prisma, resetDatabase } from "../../support/db";
import { actAs, signInAs } from "../../support/auth";
import { actionFiles as listActionFiles, enumerateActions, loadModule, routeFiles as listRouteFiles, routePermission } from "../../support/entry-points";
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
 *
 * Every agency action and route (those that resolve an agency context) runs a second time as a
 * platform admin looking in as the same member of A: billing, membership and deleting the agency
 * must be refused with nothing stored, everything else must answer as it does for the member
 * (B stays out of reach), and every entry written is audited as the admin acting as the member.
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

const actionFiles = listActionFiles();
const routeFiles = listRouteFiles();
const modules: Record<string, Record<string, unknown>> = {};

let world: World;

/** The members of A a platform admin looks in as, each in a session of its own. */
type LookedInAs = Extract<Who, "ownerA" | "adminA" | "staffA">;
const LOOKED_IN_AS: readonly LookedInAs[] = ["ownerA", "adminA", "staffA"];
let lookIns: Record<LookedInAs, Headers>;
let platformAdminId: string;
/** The permission of each agency action ("<file>#<export>"); platform and user actions are the admin acting as themself. */
let agencyActionPermissions: Map<string, Permission>;
/** Money, membership and the agency itself stay with the agency's own people (stated here, not read from the code under test). */
const REFUSED_LOOKING_IN: readonly Permission[] = ["billing.manage", "team.manage", "agency.delete"];
const refusedWhileLookingIn = (permission: Permission) => REFUSED_LOOKING_IN.includes(permission);

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

/** What a look-in into A may never change: A's people, their invitations and sessions, and A's billing. */
async function snapshotOfLookedInAgency() {
  const organizationId = world.A.organization.id;
  const [billing, members, memberLocations, invitations] = await Promise.all([
    prisma.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { subscriptionStatus: true, trialEndsAt: true, stripeCustomerId: true, stripeSubscriptionId: true, billingPlan: true, billingInterval: true, stripePriceId: true, currentPeriodEnd: true, cancelAtPeriodEnd: true },
    }),
    prisma.member.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.memberLocation.findMany({ where: { organizationId }, orderBy: [{ memberId: "asc" }, { locationId: "asc" }] }),
    prisma.invitation.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
  ]);
  const sessions = await prisma.session.count({ where: { userId: { in: members.map((m) => m.userId) } } });
  return { billing, members, memberLocations, invitations, sessions };
}

/** The audit entries written since `since` by A's members, who acted only through the look-ins then. */
async function auditedSince(since: Date) {
  const { A } = world;
  return prisma.auditLog.findMany({
    where: { createdAt: { gte: since }, actorUserId: { in: [A.owner.user.id, A.admin.user.id, A.staff.user.id] } },
    select: { action: true, organizationId: true, actorUserId: true, impersonatorUserId: true },
  });
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
  for (const file of [...actionFiles, ...routeFiles]) modules[file] = await loadModule(file);
  agencyActionPermissions = new Map((await enumerateActions()).flatMap((a) => (a.kind === "orgAction" && a.permission ? [[a.key, a.permission] as const] : [])));
  // A platform admin with one session per look-in: as A's owner, as A's admin, as A's clinic staff.
  const platform = await prisma.organization.create({ data: { name: "Platform", slug: "platform-cross-tenant", type: "platform" } });
  const admin = await prisma.user.create({ data: { name: "Pat Platform", email: "pat.cross-tenant@example.com", emailVerified: true } });
  await prisma.member.create({ data: { organizationId: platform.id, userId: admin.id, role: "platform_admin" } });
  platformAdminId = admin.id;
  const members = { ownerA: A.owner, adminA: A.admin, staffA: A.staff };
  lookIns = {} as Record<LookedInAs, Headers>;
  for (const who of LOOKED_IN_AS) {
    lookIns[who] = await signInAs(admin.email);
    actAs(lookIns[who]);
    const started = await startImpersonationAction({ organizationId: A.organization.id, memberId: members[who].member.id, reason: "Cross-tenant suite looks in", minutes: 60 });
    if (!started.ok) throw new Error(`could not look in as ${who}: ${started.error}`);
  }
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
  it("runs every agency action as a platform admin looking in as A's member: billing, membership and deleting the agency refused with nothing stored, B out of reach", async () => {
    const before = await snapshotOfB();
    const otherClinicBefore = await snapshotOfOtherClinic();
    const lookedInBefore = await snapshotOfLookedInAgency();
    const secrets = secretsOfB();
    const clinicSecrets = secretsOfOtherClinic();
    const since = new Date();
    const failures: string[] = [];
    let refusedRuns = 0;
    for (const [key, cases] of Object.entries(actionCases)) {
      const permission = agencyActionPermissions.get(key);
      if (!permission) continue;
      for (const c of cases(world)) {
        if (c.who === "outsider") continue;
        actAs(lookIns[c.who]);
        const result = (await c.call()) as { ok: boolean; code?: string };
        const outcome = result.ok ? "ok" : result.code;
        // Refused whatever the member could do; another agency's slug stays not_found.
        const allowed = refusedWhileLookingIn(permission) ? ["forbidden", "not_found"] : (c.refusals ?? ["not_found"]);
        if (refusedWhileLookingIn(permission)) refusedRuns++;
        if (!allowed.includes(outcome ?? "")) failures.push(`${key} (${c.attempt}, looking in as ${c.who}): got ${outcome}, expected ${allowed.join("|")}`);
        const body = JSON.stringify(result);
        const leaked = [...secrets, ...(c.who === "staffA" ? clinicSecrets : [])].filter((s) => body.includes(s));
        if (leaked.length) failures.push(`${key} (${c.attempt}, looking in as ${c.who}) leaked ${leaked.join(", ")}`);
      }
    }
    expect(failures).toEqual([]);
    expect(refusedRuns).toBeGreaterThan(10);
    expect(await snapshotOfB()).toEqual(before);
    expect(await snapshotOfOtherClinic()).toEqual(otherClinicBefore);
    expect(await snapshotOfLookedInAgency()).toEqual(lookedInBefore);
    // Whatever was attempted in A is A's, and audited as the admin acting as the member.
    const audited = await auditedSince(since);
    expect(audited.length).toBeGreaterThan(10);
    expect(audited.filter((e) => e.organizationId !== world.A.organization.id || e.impersonatorUserId !== platformAdminId)).toEqual([]);
  });

  it("runs every agency route as a platform admin looking in as A's member: billing refused, B out of reach", async () => {
    const before = await snapshotOfB();
    const otherClinicBefore = await snapshotOfOtherClinic();
    const lookedInBefore = await snapshotOfLookedInAgency();
    const secrets = secretsOfB();
    const clinicSecrets = secretsOfOtherClinic();
    const failures: string[] = [];
    let agencyRoutes = 0;
    for (const [file, cases] of Object.entries(routeCases)) {
      const permission = routePermission(file);
      // Webhooks, cron and the auth endpoints carry their own credentials, not an agency context.
      if (!permission) continue;
      agencyRoutes++;
      for (const c of cases(world)) {
        if (c.who === "outsider") continue;
        actAs(lookIns[c.who]);
        const request = c.request();
        const handler = modules[file]?.[request.method] as ((req: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>) | undefined;
        if (!handler) {
          failures.push(`${file} has no ${request.method} handler`);
          continue;
        }
        const response = await handler(request, { params: Promise.resolve(c.params ?? {}) });
        const body = await response.text();
        const allowed = refusedWhileLookingIn(permission) ? [403, 404] : c.statuses;
        if (!allowed.includes(response.status)) failures.push(`${file} (${c.attempt}, looking in as ${c.who}): status ${response.status}, expected ${allowed.join("|")}`);
        const leaked = [...secrets, ...(c.who === "staffA" ? clinicSecrets : [])].filter((s) => body.includes(s));
        if (leaked.length) failures.push(`${file} (${c.attempt}, looking in as ${c.who}) leaked ${leaked.join(", ")}`);
      }
    }
    expect(failures).toEqual([]);
    expect(agencyRoutes).toBeGreaterThan(5);
    expect(await snapshotOfB()).toEqual(before);
    expect(await snapshotOfOtherClinic()).toEqual(otherClinicBefore);
    expect(await snapshotOfLookedInAgency()).toEqual(lookedInBefore);
  });
});
