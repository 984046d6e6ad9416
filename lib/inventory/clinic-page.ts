import "server-only";
import { notFound } from "next/navigation";
import { canSeeClinic, requireMemberPage } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";

/** For the clinic supplies pages: the org context and the clinic, or 404 for a clinic the member may not see. */
export async function requireClinicPage(slug: string, locationId: string, permission: Permission = "inventory.read") {
  const ctx = await requireMemberPage(slug, permission);
  const clinic = canSeeClinic(ctx, locationId)
    ? await ctx.db.location.findUnique({ where: { id: locationId }, select: { id: true, name: true, timezone: true } })
    : null;
  if (!clinic) notFound();
  return { ctx, clinic };
}
