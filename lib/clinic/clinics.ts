import "server-only";
import { canSeeClinic, type OrgContext } from "@/lib/auth/context";
import { NotFoundError } from "@/lib/errors";

/**
 * The clinic scope, in one place: which clinics a member may see, and the one check that a
 * clinic is one of them. (The member's database handle enforces the same set underneath.)
 */

export interface ClinicChoice {
  id: string;
  name: string;
  timezone: string;
}

/** The clinics a member may see, by name. */
export function visibleClinics(ctx: Pick<OrgContext, "clinicIds" | "db">): Promise<ClinicChoice[]> {
  return ctx.db.location.findMany({
    where: ctx.clinicIds === null ? {} : { id: { in: ctx.clinicIds } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, timezone: true },
  });
}

/** The clinic, when the member may see it; otherwise the same 404 as a clinic that does not exist. */
export async function requireClinic(ctx: Pick<OrgContext, "clinicIds" | "db">, locationId: string) {
  const clinic = typeof locationId === "string" && locationId.length <= 64 && canSeeClinic(ctx, locationId) ? await ctx.db.location.findUnique({ where: { id: locationId } }) : null;
  if (!clinic) throw new NotFoundError("That clinic was not found.");
  return clinic;
}
