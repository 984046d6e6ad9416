import type { AuthedContext } from "./context";
import { forbidden, notFound } from "./http";
import type { Company, Location } from "./types";

/**
 * A token reaching outside its own location or company gets 403. The reference does not say
 * what GHL answers here (403 or 401: unconfirmed); 403 keeps "wrong tenant" apart from
 * "bad token", which matters to a client deciding whether to refresh.
 */
export function authorizeLocation(ctx: AuthedContext, locationId: string): Location {
  const { token, sandbox } = ctx;
  if (token.userType === "Location" && token.locationId !== locationId) {
    throw forbidden("The token does not have access to this location.");
  }
  const location = sandbox.store.getLocation(locationId);
  if (!location) throw notFound(`Location ${locationId} not found`);
  if (location.companyId !== token.companyId) throw forbidden("The token does not have access to this location.");
  return location;
}

export function authorizeCompany(ctx: AuthedContext, companyId: string): Company {
  if (ctx.token.companyId !== companyId) throw forbidden("The token does not have access to this company.");
  const company = ctx.sandbox.store.getCompany(companyId);
  if (!company) throw notFound(`Company ${companyId} not found`);
  return company;
}
