import "server-only";
import { systemDb } from "@/lib/db/system";

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
