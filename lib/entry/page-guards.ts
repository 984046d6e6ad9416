import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { recordAudit } from "@/lib/audit/audit";
import { allows, isAgencySlug, resolveOrgContext, resolvePlatformContext, type OrgContext, type PlatformContext } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";
import { requestHeaders } from "@/lib/auth/request";
import { getCurrentSession, type CurrentSession } from "@/lib/auth/session";
import { requireClinic } from "@/lib/clinic/clinics";
import { forOrg } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { unsafeFindAgencyById } from "@/lib/orgs/organizations";
import { findLapsedImpersonation } from "@/lib/platform/impersonation";

/**
 * The page guards: every page.tsx starts with one. Each resolves who is asking and checks the
 * permission; signed out → the login page (back to this path afterwards), not allowed → 404, the
 * same answer as a page that does not exist. Cached per request, so a layout and its page share
 * one lookup.
 */

async function loginRedirect(): Promise<never> {
  const path = (await requestHeaders()).get("x-sidecar-path");
  redirect(path ? `/login?next=${encodeURIComponent(path)}` : "/login");
}

/**
 * A page of the signed-in person outside any agency (choosing an agency, finishing a GHL
 * install). `returnHere: false` for the pages sign-in itself passes through, which start over
 * at the login page rather than come back.
 */
export async function requireSessionPage(options: { returnHere: boolean } = { returnHere: true }): Promise<CurrentSession> {
  const session = await getCurrentSession();
  if (session) return session;
  if (!options.returnHere) redirect("/login");
  return loginRedirect();
}

/**
 * The membership lookup of this request's session, once per slug: a layout and its page usually
 * ask with different permissions, and each lookup is a transaction on the database.
 */
const currentOrgContext = cache(async (slug: string): Promise<OrgContext | null> => {
  const session = await getCurrentSession();
  return session ? resolveOrgContext(session, slug) : null;
});

/** An agency page: the member's context when they hold the permission. */
export const requireMemberPage = cache(async (slug: string, permission: Permission): Promise<OrgContext> => {
  const session = await getCurrentSession();
  if (!session) return loginRedirect();
  const ctx = await currentOrgContext(slug);
  if (!ctx) {
    // A look-in that ran out sends the admin back to the agency's platform page, saying so.
    const lapsed = isAgencySlug(slug) ? await findLapsedImpersonation(session.sessionId, slug) : null;
    if (lapsed) redirect(`/platform/agencies/${lapsed.organizationId}?look-in=expired`);
    notFound();
  }
  if (!allows(ctx, permission)) notFound();
  return ctx;
});

/** Every /clinic/[locationId] page: the member, the permission, then the clinic (404 otherwise). */
export const requireClinicPage = cache(async (slug: string, locationId: string, permission: Permission) => {
  const ctx = await requireMemberPage(slug, permission);
  try {
    return { ctx, clinic: await requireClinic(ctx, locationId) };
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
});

/** A /platform page: platform admins only. */
export const requirePlatformPage = cache(async (): Promise<PlatformContext> => {
  const session = await getCurrentSession();
  if (!session) return loginRedirect();
  const ctx = await resolvePlatformContext(session);
  if (!ctx) notFound();
  return ctx;
});

/**
 * A platform admin looking into one agency: the admin, then the agency (404 when unknown), then
 * one entry in that agency's audit log per page render, so the agency can see that the platform
 * looked in. The page reads the agency through the handle returned here.
 */
export const requirePlatformAgencyPage = cache(async (agencyId: string) => {
  const ctx = await requirePlatformPage();
  const agency = agencyId.length <= 64 ? await unsafeFindAgencyById(agencyId) : null;
  if (!agency) notFound();
  await recordAudit({ organizationId: agency.id, actorUserId: ctx.user.id, action: "platform.view-agency", targetType: "organization", targetId: agency.id });
  return { ctx, agency, db: forOrg(agency.id) };
});
