import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auth } from "@/lib/auth/auth";
import { getSessionFromHeaders } from "@/lib/auth/session";
import { inviteMemberAction } from "@/actions/team/invite-member";
import { changeMemberRoleAction } from "@/actions/team/change-member-role";
import { removeMemberAction } from "@/actions/team/remove-member";
import { revokeInvitationAction } from "@/actions/team/revoke-invitation";
import { resendInvitationAction } from "@/actions/team/resend-invitation";
import { acceptInvitationAction } from "@/actions/invitations/accept-invitation";
import { signOutEverywhereAction } from "@/actions/account/sign-out-everywhere";
import { updateSecuritySettingsAction } from "@/actions/settings/update-security";
import { createAgencyAction } from "@/actions/platform/create-agency";
import { findAuditLog, ZAuditFilter } from "@/lib/audit/queries";
import { forOrg } from "@/lib/db";
import { prisma, resetDatabase } from "../support/db";
import { actAs, signInAs } from "../support/auth";
import { seedAgency, type SeededAgency } from "../support/tenants";

vi.mock("@/lib/auth/request", () => ({ requestHeaders: vi.fn() }));

let A: SeededAgency;
let owner: Headers;
let admin: Headers;

async function latestMailTo(email: string) {
  return prisma.devMail.findFirst({ where: { to: email }, orderBy: { createdAt: "desc" } });
}

beforeAll(async () => {
  await resetDatabase();
  A = await seedAgency("t");
  owner = await signInAs(A.owner.user.email);
  admin = await signInAs(A.admin.user.email);
});

beforeEach(() => actAs(owner));

describe("sign-in with an emailed code", () => {
  it("mails no code to an address nobody invited, and creates no account for it", async () => {
    const result = await auth.api.sendVerificationOTP({ body: { email: "stranger@example.com", type: "sign-in" } });
    expect(result).toEqual({ success: true });
    expect(await latestMailTo("stranger@example.com")).toBeNull();
    await expect(auth.api.signInEmailOTP({ body: { email: "stranger@example.com", otp: "123456" } })).rejects.toThrow();
    expect(await prisma.user.findUnique({ where: { email: "stranger@example.com" } })).toBeNull();
  });

  it("refuses a wrong code and voids the code after five wrong tries", async () => {
    const email = A.staff.user.email;
    await auth.api.sendVerificationOTP({ body: { email, type: "sign-in" } });
    const code = (await latestMailTo(email))!.text.match(/code is (\d{6})/)![1]!;
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      await expect(auth.api.signInEmailOTP({ body: { email, otp: wrong } })).rejects.toMatchObject({ body: { code: "INVALID_OTP" } });
    }
    // Even the right code no longer works: a new one must be requested.
    await expect(auth.api.signInEmailOTP({ body: { email, otp: code } })).rejects.toMatchObject({ body: { code: "TOO_MANY_ATTEMPTS" } });
  });

  it("limits how many codes one address can request", async () => {
    const email = A.admin.user.email;
    const outcomes: string[] = [];
    for (let i = 0; i < 7; i++) {
      outcomes.push(
        await auth.api.sendVerificationOTP({ body: { email, type: "sign-in" } }).then(
          () => "sent",
          (err: { status?: string }) => String(err.status),
        ),
      );
    }
    expect(outcomes.filter((o) => o === "TOO_MANY_REQUESTS").length).toBeGreaterThanOrEqual(2);
  });
});

describe("invitations", () => {
  it("lets an owner invite clinic staff, who signs up, accepts once and sees only the invited clinic", async () => {
    const email = "new.nurse@example.com";
    const invited = await inviteMemberAction(A.organization.slug, { email, role: "clinic_staff", locationIds: [A.clinics[1].id] });
    expect(invited).toMatchObject({ ok: true });
    const mail = await latestMailTo(email);
    const link = mail!.text.match(/\/invite\/([\w-]+)/)![1]!;

    const nurse = await signInAs(email);
    actAs(nurse);
    const accepted = await acceptInvitationAction({ invitationId: link });
    expect(accepted).toEqual({ ok: true, data: { organizationId: A.organization.id, destination: "/auth/continue" } });
    const member = await prisma.member.findFirstOrThrow({ where: { user: { email } }, include: { clinics: true } });
    expect(member.role).toBe("clinic_staff");
    expect(member.clinics.map((c) => c.locationId)).toEqual([A.clinics[1].id]);

    expect(await acceptInvitationAction({ invitationId: link })).toMatchObject({ ok: false, code: "invitation_used" });
  });

  it("refuses an expired invitation with a clear message", async () => {
    const invitation = await prisma.invitation.create({
      data: { organizationId: A.organization.id, email: "late@example.com", role: "agency_admin", expiresAt: new Date(Date.now() + 60_000) },
    });
    const late = await signInAs("late@example.com");
    await prisma.invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    actAs(late);
    expect(await acceptInvitationAction({ invitationId: invitation.id })).toMatchObject({
      ok: false,
      code: "invitation_expired",
      error: expect.stringContaining("expired"),
    });
    expect(await prisma.member.count({ where: { user: { email: "late@example.com" } } })).toBe(0);
  });

  it("validates input beside each field and changes nothing", async () => {
    const before = await prisma.invitation.count();
    const bad = await inviteMemberAction(A.organization.slug, { email: "not-an-email", role: "clinic_staff", locationIds: [] });
    expect(bad).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { email: ["Enter a valid email address"] } });
    const huge = await inviteMemberAction(A.organization.slug, { email: `${"x".repeat(300)}@example.com`, role: "agency_admin", locationIds: [] });
    expect(huge).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { email: [expect.stringContaining("too long")] } });
    const noClinic = await inviteMemberAction(A.organization.slug, { email: "nurse2@example.com", role: "clinic_staff", locationIds: [] });
    expect(noClinic).toMatchObject({ ok: false, code: "clinics_required" });
    const badRole = await inviteMemberAction(A.organization.slug, { email: "x@example.com", role: "owner" as never, locationIds: [] });
    expect(badRole).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { role: ["Choose a role"] } });
    // A member's address is refused for that reason, not for the clinics left unchosen.
    const member = await inviteMemberAction(A.organization.slug, { email: A.staff.user.email.toUpperCase(), role: "clinic_staff", locationIds: [] });
    expect(member).toMatchObject({ ok: false, code: "already_member", fieldErrors: { email: [expect.stringContaining("already a member")] } });
    expect(await prisma.invitation.count()).toBe(before);
  });

  it("answers a second invitation to the same address in its own words", async () => {
    expect(await inviteMemberAction(A.organization.slug, { email: "twice@example.com", role: "agency_admin", locationIds: [] })).toMatchObject({ ok: true });
    const again = await inviteMemberAction(A.organization.slug, { email: "twice@example.com", role: "agency_admin", locationIds: [] });
    expect(again).toMatchObject({ ok: false, code: "invitation_refused", error: "That address already has a pending invitation. Resend it from the list instead." });
    expect(await prisma.invitation.count({ where: { email: "twice@example.com" } })).toBe(1);
  });

  it("resends with a fresh expiry and revokes", async () => {
    const invited = await inviteMemberAction(A.organization.slug, { email: "resend@example.com", role: "agency_admin", locationIds: [] });
    const invitationId = (invited as { data: { invitationId: string } }).data.invitationId;
    await prisma.invitation.update({ where: { id: invitationId }, data: { expiresAt: new Date(Date.now() + 1_000) } });
    expect(await resendInvitationAction(A.organization.slug, { invitationId })).toMatchObject({ ok: true });
    const refreshed = await prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(refreshed.expiresAt.getTime()).toBeGreaterThan(Date.now() + 86_400_000);
    expect(await revokeInvitationAction(A.organization.slug, { invitationId })).toMatchObject({ ok: true });
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } })).status).toBe("canceled");
  });
});

describe("team rules", () => {
  it("keeps owners in charge: admins cannot invite owners or change an owner", async () => {
    actAs(admin);
    expect(await inviteMemberAction(A.organization.slug, { email: "boss@example.com", role: "agency_owner", locationIds: [] })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(
      await changeMemberRoleAction(A.organization.slug, { memberId: A.owner.member.id, role: "agency_admin", locationIds: [] }),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expect(await removeMemberAction(A.organization.slug, { memberId: A.owner.member.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await updateSecuritySettingsAction(A.organization.slug, { idleTimeoutMinutes: 15 })).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("never removes or demotes the last owner", async () => {
    expect(await removeMemberAction(A.organization.slug, { memberId: A.owner.member.id })).toMatchObject({ ok: false, code: "last_owner" });
    expect(
      await changeMemberRoleAction(A.organization.slug, { memberId: A.owner.member.id, role: "agency_admin", locationIds: [] }),
    ).toMatchObject({ ok: false, code: "last_owner" });
    expect((await prisma.member.findUniqueOrThrow({ where: { id: A.owner.member.id } })).role).toBe("agency_owner");
  });

  it("changes a role and its clinics in one step", async () => {
    const result = await changeMemberRoleAction(A.organization.slug, {
      memberId: A.staff.member.id,
      role: "clinic_staff",
      locationIds: [A.clinics[0].id, A.clinics[1].id],
    });
    expect(result).toMatchObject({ ok: true });
    const clinics = await prisma.memberLocation.findMany({ where: { memberId: A.staff.member.id } });
    expect(clinics.map((c) => c.locationId).sort()).toEqual([A.clinics[0].id, A.clinics[1].id].sort());
  });

  it("writes an audit entry for every mutation, refused ones included", async () => {
    const entries = await prisma.auditLog.findMany({ where: { organizationId: A.organization.id } });
    const actions = new Set(entries.map((e) => `${e.action}:${e.outcome}`));
    expect(actions).toContain("team.invite:success");
    expect(actions).toContain("team.invite:failure");
    expect(actions).toContain("team.remove:failure");
    expect(actions).toContain("invitation.accept:success");
    expect(entries.every((e) => e.actorUserId)).toBe(true);
    const log = await findAuditLog(forOrg(A.organization.id), ZAuditFilter.parse({}));
    const actorIds = new Set(entries.map((e) => e.actorUserId));
    expect(log.actors.map((a) => a.id).sort()).toEqual([...actorIds].sort());
    expect(log.actors.find((a) => a.id === A.owner.user.id)).toMatchObject({ name: A.owner.user.name, email: A.owner.user.email });
  });

  it("keeps platform actions from agency owners and lets a platform admin create an agency", async () => {
    const platform = await prisma.organization.create({ data: { name: "Platform", slug: "platform-test", type: "platform" } });
    const admin = await prisma.user.create({ data: { name: "Plat", email: "plat@example.com", emailVerified: true } });
    await prisma.member.create({ data: { organizationId: platform.id, userId: admin.id, role: "platform_admin" } });
    actAs(await signInAs("plat@example.com"));
    const created = await createAgencyAction({ name: "Glow Group", slug: "glow-group", ownerEmail: "owner@glow.example" });
    expect(created).toMatchObject({ ok: true, data: { slug: "glow-group" } });
    expect(await latestMailTo("owner@glow.example")).toMatchObject({ subject: expect.stringContaining("Glow Group") });
    expect(await createAgencyAction({ name: "Glow Again", slug: "glow-group", ownerEmail: "x@glow.example" })).toMatchObject({
      ok: false,
      code: "slug_taken",
      fieldErrors: { slug: [expect.any(String)] },
    });
  });
});

describe("sessions", () => {
  it("end after the agency's idle time", async () => {
    const headers = await signInAs(A.admin.user.email).catch(() => admin);
    const session = await getSessionFromHeaders(headers);
    expect(session).not.toBeNull();
    await prisma.organization.update({ where: { id: A.organization.id }, data: { idleTimeoutMinutes: 15 } });
    const lastActive = (await prisma.session.findUniqueOrThrow({ where: { id: session!.sessionId } })).updatedAt.getTime();
    // Activity 14 minutes later keeps the session and counts as new activity...
    expect(await getSessionFromHeaders(headers, new Date(lastActive + 14 * 60_000))).not.toBeNull();
    // ...and 16 quiet minutes after that, it ends.
    expect(await getSessionFromHeaders(headers, new Date(lastActive + 30 * 60_000))).toBeNull();
    expect(await prisma.session.findUnique({ where: { id: session!.sessionId } })).toBeNull();
    await prisma.organization.update({ where: { id: A.organization.id }, data: { idleTimeoutMinutes: 30 } });
  });

  it("all end on sign-out everywhere", async () => {
    const first = await signInAs(A.owner.user.email).catch(() => owner);
    expect(await prisma.session.count({ where: { userId: A.owner.user.id } })).toBeGreaterThanOrEqual(2);
    actAs(first);
    expect(await signOutEverywhereAction({})).toMatchObject({ ok: true });
    expect(await prisma.session.count({ where: { userId: A.owner.user.id } })).toBe(0);
    expect(await getSessionFromHeaders(owner)).toBeNull();
  });
});

describe("where 'back' leads a signed-in person", () => {
  it("takes clinic staff to their clinic and agency staff to their dashboard", async () => {
    const { homeDestination } = await import("@/lib/auth/destinations");
    const H = await seedAgency("home");
    const staff = await homeDestination(H.staff.user.id);
    expect(staff).toEqual({ href: `/agency/${H.organization.slug}/clinic/${H.clinics[0].id}`, title: H.clinics[0].name });
    expect(await homeDestination(H.admin.user.id)).toMatchObject({ href: `/agency/${H.organization.slug}/admin` });
  });
});
