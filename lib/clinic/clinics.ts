import "server-only";
import type { OrgContext } from "@/lib/auth/context";

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
