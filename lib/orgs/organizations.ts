import "server-only";
import { systemDb } from "@/lib/db/system";

/**
 * Organization lookups across tenants. `unsafe`: they do not check membership; callers
 * either authorize first or serve the platform admin.
 */
export function unsafeFindOrganizationBySlug(slug: string) {
  return systemDb("orgs.directory").organization.findUnique({ where: { slug } });
}

export async function unsafeListAgencies() {
  const agencies = await systemDb("orgs.directory").organization.findMany({
    where: { type: "agency" },
    orderBy: { name: "asc" },
    include: { _count: { select: { locations: true, members: true } } },
  });
  return agencies.map(({ _count, ...agency }) => ({ ...agency, clinicCount: _count.locations, memberCount: _count.members }));
}

export function unsafeFindAgencyById(id: string) {
  return systemDb("orgs.directory").organization.findFirst({ where: { id, type: "agency" } });
}
