import type { NextConfig } from "next";
// Validates the environment when the server boots: a bad variable stops start-up with one line.
import "./lib/env";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  typedRoutes: false,
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "@prisma/schema-engine-wasm"],
};

export default nextConfig;
