import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { NotFoundError, UserError } from "@/lib/errors";
import { findConnection } from "@/lib/ghl/tokens";
import { syncLocation } from "@/lib/ghl/sync/sync-location";
import { UNINSTALLED_CLINIC_MESSAGE } from "@/lib/ghl/lifecycle";

/** A sync started from the settings page gets less time than the cron; it resumes on the next tick. */
const MANUAL_BUDGET_MS = 20_000;

export async function syncClinicNow(ctx: Pick<OrgContext, "db" | "organization">, locationId: string) {
  const clinic = await ctx.db.location.findUnique({ where: { id: locationId } });
  if (!clinic) throw new NotFoundError("That clinic does not exist.");
  await findConnection(ctx.organization.id);
  if (clinic.ghlUninstalledAt) throw new UserError("ghl_uninstalled", UNINSTALLED_CLINIC_MESSAGE);
  const outcome = await syncLocation(
    { organizationId: ctx.organization.id, locationId: clinic.id, ghlLocationId: clinic.ghlLocationId },
    { budgetMs: MANUAL_BUDGET_MS },
  );
  if (outcome.status === "skipped") throw new UserError("sync_running", "A sync of this clinic is already running. Its result will show here when it ends.");
  return { status: outcome.status, contactsUpserted: outcome.contactsUpserted, appointmentsUpserted: outcome.appointmentsUpserted, error: outcome.error };
}
