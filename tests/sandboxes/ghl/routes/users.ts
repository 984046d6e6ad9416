import { z } from "zod";
import { authorizeCompany, authorizeLocation } from "../access";
import { tokenRoute, type Route } from "../context";
import { json, parseOr422 } from "../http";
import { API_VERSION } from "../types";
import { userView } from "../views";

export const userRoutes: Route[] = [
  tokenRoute({
    method: "GET",
    path: "/users/search",
    access: { version: API_VERSION.contacts, tokens: ["Location", "Company"], scope: "users.readonly" },
    handle(ctx) {
      const query = parseOr422(
        z.object({
          companyId: z.string().min(1),
          locationId: z.string().optional(),
          query: z.string().optional(),
          skip: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(1000).default(25),
        }),
        Object.fromEntries(ctx.query),
      );
      authorizeCompany(ctx, query.companyId);
      // A location token sees its own location's users only, even without locationId.
      const locationId = query.locationId ?? (ctx.token.userType === "Location" ? ctx.token.locationId : undefined);
      if (locationId) authorizeLocation(ctx, locationId);
      const needle = query.query?.toLowerCase();
      const matching = ctx.sandbox.store
        .usersOf(query.companyId)
        .filter((user) => !locationId || user.locationIds.includes(locationId) || (user.type === "agency" && user.locationIds.length === 0))
        .filter((user) => !needle || `${user.firstName} ${user.lastName} ${user.email}`.toLowerCase().includes(needle));
      return json(200, { users: matching.slice(query.skip, query.skip + query.limit).map(userView), count: matching.length });
    },
  }),
];
