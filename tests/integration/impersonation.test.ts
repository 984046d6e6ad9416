import { beforeAll, describe, expect, it, vi } from "vitest";
import { startImpersonationAction } from "@/actions/platform/start-impersonation";
import { endImpersonationAction } from "@/actions/platform/end-impersonation";
import { addContactNoteAction } from "@/actions/contacts/add-contact-note";
import { inviteMemberAction } from "@/actions/team/invite-member";
import { resolveOrgContext } from "@/lib/auth/context";
import { getSessionFromHeaders } from "@/lib/auth/session";
import { findActiveImpersonation, findLapsedImpersonation } from "@/lib/platform/impersonation";
import { actAs, signInAs } from "../support/auth";
import { prisma, resetDatabase } from "../support/db";
import { seedAgency, type SeededAgency } from "../support/tenants";

vi.mock("@/lib/auth/request", () => ({ requestHeaders: vi.fn() }));
// The look-in lookup, watched: only a platform admin's visit may pay for it.
vi.mock("@/lib/platform/impersonation", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/platform/impersonation")>();
  return { ...actual, findActiveImpersonation: vi.fn(actual.findActiveImpersonation) };
});

let A: SeededAgency;
let B: SeededAgency;
let adminSession: Headers;
let otherAdminSession: Headers;
let adminUserId: string;

beforeAll(async () => {
  await resetDatabase();
  A = await seedAgency("a");
  B = await seedAgency("b");
  const platform = await prisma.organization.create({ data: { name: "Platform", slug: "platform-look-in", type: "platform" } });
  const admin = await prisma.user.create({ data: { name: "Pat Platform", email: "pat.look-in@example.com", emailVerified: true } });
  adminUserId = admin.id;
  await prisma.member.create({ data: { organizationId: platform.id, userId: admin.id, role: "platform_admin" } });
  adminSession = await signInAs(admin.email);
  otherAdminSession = await signInAs(admin.email);
});

const session = async (headers: Headers) => (await getSessionFromHeaders(headers))!;

describe("a platform admin looking in as a member", () => {
  it("needs a reason and a member of that agency, and is refused to agency people", async () => {
    actAs(adminSession);
    expect(await startImpersonationAction({ organizationId: A.organization.id, memberId: A.owner.member.id, reason: "help", minutes: 30 })).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { reason: [expect.stringContaining("at least 10")] },
    });
    expect(await startImpersonationAction({ organizationId: A.organization.id, memberId: A.owner.member.id, reason: "Clinic says sync is stuck", minutes: 600 })).toMatchObject({
      ok: false,
      code: "invalid_input",
    });
    // B's member under A's id: refused, nothing stored.
    expect(await startImpersonationAction({ organizationId: A.organization.id, memberId: B.owner.member.id, reason: "Clinic says sync is stuck", minutes: 30 })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    actAs(await signInAs(A.owner.user.email));
    expect(await startImpersonationAction({ organizationId: A.organization.id, memberId: A.admin.member.id, reason: "I want to be my admin", minutes: 30 })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await prisma.impersonation.count()).toBe(0);
  });

  it("sees the agency as that member, is audited as admin X as member Y, and may not touch billing or members", async () => {
    actAs(adminSession);
    const started = await startImpersonationAction({ organizationId: A.organization.id, memberId: A.owner.member.id, reason: "Owner asked why a note is missing", minutes: 15 });
    expect(started).toMatchObject({ ok: true, data: { slug: A.organization.slug, role: "agency_owner" } });

    const ctx = await resolveOrgContext(await session(adminSession), A.organization.slug);
    expect(ctx).toMatchObject({ user: { id: A.owner.user.id }, role: "agency_owner", clinicIds: null, impersonator: { userId: adminUserId, reason: "Owner asked why a note is missing" } });
    // Another agency, and the same admin's other session, see nothing.
    expect(await resolveOrgContext(await session(adminSession), B.organization.slug)).toBeNull();
    expect(await resolveOrgContext(await session(otherAdminSession), A.organization.slug)).toBeNull();

    const note = await addContactNoteAction(A.organization.slug, { contactId: A.contacts[0]!.id, body: "Checked on the owner's behalf" });
    expect(note).toMatchObject({ ok: true });
    const audited = await prisma.auditLog.findFirstOrThrow({ where: { organizationId: A.organization.id, action: "contacts.add-note" } });
    expect(audited).toMatchObject({ actorUserId: A.owner.user.id, impersonatorUserId: adminUserId, outcome: "success" });

    // Every billing, membership and agency-deleting action and route is refused while looking in
    // (the cross-tenant suite runs them all as a look-in); here, what the refusal says and records.
    const invite = await inviteMemberAction(A.organization.slug, { email: "new.person@example.com", role: "clinic_staff", locationIds: [A.clinics[0]!.id] });
    expect(invite).toMatchObject({ ok: false, code: "forbidden", error: expect.stringContaining("Not while looking in") });
    expect(await prisma.invitation.count({ where: { email: "new.person@example.com" } })).toBe(0);
    const refused = await prisma.auditLog.findFirstOrThrow({ where: { organizationId: A.organization.id, action: "team.invite" } });
    expect(refused).toMatchObject({ outcome: "failure", impersonatorUserId: adminUserId });

    // The agency's own log says the platform looked in, why, and when it left.
    const start = await prisma.auditLog.findFirstOrThrow({ where: { organizationId: A.organization.id, action: "platform.impersonation-start" } });
    expect(start).toMatchObject({ actorUserId: adminUserId, targetId: A.owner.member.id, metadata: expect.objectContaining({ reason: "Owner asked why a note is missing" }) });
    expect(await endImpersonationAction({})).toMatchObject({ ok: true, data: { organizationId: A.organization.id } });
    expect(await prisma.auditLog.count({ where: { organizationId: A.organization.id, action: "platform.impersonation-end" } })).toBe(1);
    expect(await resolveOrgContext(await session(adminSession), A.organization.slug)).toBeNull();
    expect(await addContactNoteAction(A.organization.slug, { contactId: A.contacts[0]!.id, body: "after the end" })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("looks for a look-in only when a platform admin visits an agency they are not a member of", async () => {
    const lookups = vi.mocked(findActiveImpersonation);
    const outsider = await prisma.user.create({ data: { name: "Olive Outsider", email: "olive.look-in@example.com", emailVerified: true } });
    lookups.mockClear();
    expect(await resolveOrgContext(await session(await signInAs(outsider.email)), A.organization.slug)).toBeNull();
    expect(await resolveOrgContext(await session(await signInAs(B.owner.user.email)), A.organization.slug)).toBeNull();
    expect(await resolveOrgContext(await session(await signInAs(A.staff.user.email)), A.organization.slug)).toMatchObject({ role: "clinic_staff" });
    expect(lookups).not.toHaveBeenCalled();
    // A platform admin with no look-in: asked, and nothing found.
    expect(await resolveOrgContext(await session(otherAdminSession), A.organization.slug)).toBeNull();
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it("runs out on its own, and a new look-in ends the previous one", async () => {
    actAs(adminSession);
    const s = await session(adminSession);
    await startImpersonationAction({ organizationId: A.organization.id, memberId: A.staff.member.id, reason: "Front desk can't see today", minutes: 15 });
    const staffCtx = await resolveOrgContext(s, A.organization.slug);
    expect(staffCtx).toMatchObject({ role: "clinic_staff", clinicIds: [A.clinics[0]!.id] });

    await startImpersonationAction({ organizationId: B.organization.id, memberId: B.admin.member.id, reason: "Admin reports a stuck sync", minutes: 15 });
    expect(await resolveOrgContext(s, A.organization.slug)).toBeNull();
    expect(await resolveOrgContext(s, B.organization.slug)).toMatchObject({ user: { id: B.admin.user.id } });
    expect(await prisma.impersonation.count({ where: { sessionId: s.sessionId, endedAt: null } })).toBe(1);

    const later = new Date(Date.now() + 16 * 60_000);
    expect(await findActiveImpersonation(s.sessionId, B.organization.slug, later)).toBeNull();
    expect(await findLapsedImpersonation(s.sessionId, B.organization.slug, later)).toMatchObject({ organizationId: B.organization.id });
  });

  it("is held to at most two hours and a real reason by the database too", async () => {
    const s = await session(adminSession);
    const now = new Date();
    await expect(
      prisma.impersonation.create({
        data: { organizationId: A.organization.id, memberId: A.owner.member.id, adminUserId, sessionId: s.sessionId, reason: "Long enough reason", startedAt: now, expiresAt: new Date(now.getTime() + 3 * 3_600_000) },
      }),
    ).rejects.toThrow();
    await expect(
      prisma.impersonation.create({
        data: { organizationId: A.organization.id, memberId: A.owner.member.id, adminUserId, sessionId: s.sessionId, reason: "   short  ", startedAt: now, expiresAt: new Date(now.getTime() + 60_000) },
      }),
    ).rejects.toThrow();
    // A member of B under A's organization id breaks the composite key.
    await expect(
      prisma.impersonation.create({
        data: { organizationId: A.organization.id, memberId: B.owner.member.id, adminUserId, sessionId: s.sessionId, reason: "Long enough reason", startedAt: now, expiresAt: new Date(now.getTime() + 60_000) },
      }),
    ).rejects.toThrow();
  });
});
