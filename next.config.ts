import type { NextConfig } from "next";
// Validates the environment when the server boots: a bad variable stops start-up with one line.
import "./lib/env";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  typedRoutes: false,
  // An inventory CSV import (up to 2 MB, lib/inventory/schemas.ts) travels as a server action's body.
  experimental: { serverActions: { bodySizeLimit: "3mb" } },
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "@prisma/schema-engine-wasm"],
};

export default nextConfig;
