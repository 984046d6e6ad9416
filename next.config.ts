import type { NextConfig } from "next";
// Validates the environment when the server boots: a bad variable stops start-up with one line.
import "./lib/env";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm run dev` serves at 127.0.0.1 (its APP_URL); people also open localhost. Next blocks
  // dev resources from origins it does not know, which leaves the sign-in form inert.
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  typedRoutes: false,
  // An inventory CSV import (up to 2 MB, lib/inventory/schemas.ts) travels as a server action's body.
  experimental: { serverActions: { bodySizeLimit: "3mb" } },
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "@prisma/schema-engine-wasm"],
};

export default nextConfig;
