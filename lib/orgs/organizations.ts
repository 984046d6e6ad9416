import "server-only";
import { systemDb } from "@/lib/db/system";
import { log } from "@/lib/log";

/**
 * Organization lookups across tenants. `unsafe`: they do not check membership; callers
 * either authorize first or serve the platform admin.
 */
export function unsafeFindOrganizationBySlug(slug: string) {
  return systemDb("orgs.directory").organization.findUnique({ where: { slug } });
}

export function unsafeFindAgencyById(id: string) {
  return systemDb("orgs.directory").organization.findFirst({ where: { id, type: "agency" } });
}

/** Every agency with at least one clinic, as the scheduled jobs visit them (each then through its own scoped client). */
function unsafeListAgenciesWithClinics() {
  return systemDb("cron.fan-out").organization.findMany({
    where: { type: "agency", locations: { some: {} } },
    select: { id: true, name: true, slug: true },
    orderBy: { id: "asc" },
  });
}

/**
 * A scheduled job's walk over the agencies with clinics: `work` for each in turn until the
 * deadline. One agency's failure is logged and counted, and the next agency still runs.
 */
export async function forEachAgencyWithClinics(
  job: string,
  work: (agency: { id: string; name: string; slug: string }) => Promise<void>,
  deadline = Number.POSITIVE_INFINITY,
): Promise<{ done: number; failed: number }> {
  const outcome = { done: 0, failed: 0 };
  for (const agency of await unsafeListAgenciesWithClinics()) {
    if (Date.now() > deadline) break;
    try {
      await work(agency);
      outcome.done += 1;
    } catch (err) {
      outcome.failed += 1;
      log.error({ err, organizationId: agency.id }, `${job} of an agency failed`);
    }
  }
  return outcome;
}
