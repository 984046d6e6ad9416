import { z } from "zod";
import { authorizeCompany, authorizeLocation } from "../access";
import { tokenRoute, type Route } from "../context";
import { json, parseOr422 } from "../http";
import { API_VERSION } from "../types";
import { locationSearchView, locationView } from "../views";

export const locationRoutes: Route[] = [
  tokenRoute({
    method: "GET",
    path: "/locations/search",
    // "Agency token normally" (§1.4): the sandbox allows only agency tokens here.
    access: { version: API_VERSION.contacts, tokens: ["Company"], scope: "locations.readonly" },
    handle(ctx) {
      const query = parseOr422(
        z.object({
          companyId: z.string().min(1),
          skip: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(1000).default(10),
          order: z.enum(["asc", "desc"]).default("asc"),
          email: z.string().optional(),
        }),
        Object.fromEntries(ctx.query),
      );
      authorizeCompany(ctx, query.companyId);
      const matching = ctx.sandbox.store
        .locationsOf(query.companyId)
        .filter((location) => !query.email || location.email?.toLowerCase() === query.email.toLowerCase())
        .sort((a, b) => (a.dateAdded - b.dateAdded || (a.id < b.id ? -1 : 1)) * (query.order === "asc" ? 1 : -1));
      return json(200, { locations: matching.slice(query.skip, query.skip + query.limit).map(locationSearchView) });
    },
  }),
  tokenRoute({
    method: "GET",
    path: "/locations/:locationId",
    access: { version: API_VERSION.contacts, tokens: ["Location", "Company"], scope: "locations.readonly" },
    handle(ctx) {
      return json(200, { location: locationView(authorizeLocation(ctx, ctx.params.locationId ?? "")) });
    },
  }),
];
