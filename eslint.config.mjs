import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * Files that may hold the raw database client, which sees every tenant: the database layer
 * itself (its org-scoped client and its named cross-tenant needs, lib/db/system.ts), the dev
 * runner and demo seed, and tests. Everything else reads tenant data through forOrg() or a
 * need in lib/db/system.ts.
 */
export const RAW_DB_ALLOWED_FILES = ["lib/db/**", "lib/dev/**", "lib/demo/**", "prisma/**", "tests/**"];
const RAW_DB_MESSAGE = `is the raw database client, which sees every tenant and bypasses row-level security. Use forOrg(organizationId) from @/lib/db, or a named need from @/lib/db/system.ts (add one there for a new cross-tenant lookup). Only ${RAW_DB_ALLOWED_FILES.join(", ")} may import it.`;
/** The one CSV-cell rule (formula neutralising) lives in lib/csv/cell.ts; every export writes through it. */
export const CSV_WRITER_FILES = ["lib/csv/**"];
const CSV_MESSAGE = "writes cells as they are, formulas included. Write CSV with csvRows from @/lib/csv/cell.ts, which neutralises formula cells.";

const rawDbRestrictions = {
  paths: [
    { name: "@/lib/db/client", message: `@/lib/db/client ${RAW_DB_MESSAGE}` },
    { name: "@/lib/generated/prisma/client", importNames: ["PrismaClient"], allowTypeImports: true, message: `A new PrismaClient ${RAW_DB_MESSAGE}` },
    { name: "@/lib/db/connection", message: `@/lib/db/connection opens raw database connections: it ${RAW_DB_MESSAGE}` },
    { name: "pg", message: `pg opens raw database connections: it ${RAW_DB_MESSAGE}` },
    { name: "@prisma/adapter-pg", message: `@prisma/adapter-pg opens raw database connections: it ${RAW_DB_MESSAGE}` },
  ],
  // Relative spellings of the same modules.
  patterns: [{ group: ["./**/db/client", "../**/db/client", "./client", "./**/db/connection", "../**/db/connection", "./connection"], message: `That module ${RAW_DB_MESSAGE}` }],
};
const csvRestrictions = {
  paths: [
    { name: "csv-stringify", message: `csv-stringify ${CSV_MESSAGE}` },
    { name: "csv-stringify/sync", message: `csv-stringify ${CSV_MESSAGE}` },
  ],
  patterns: [],
};
const restrict = (...sets) => [
  "error",
  { paths: sets.flatMap((set) => set.paths), patterns: sets.flatMap((set) => set.patterns) },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["lib/generated/**", ".next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      // Configuration is read once, validated, in lib/env.ts.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Import env from @/lib/env instead." }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    rules: { "@typescript-eslint/no-restricted-imports": restrict(rawDbRestrictions, csvRestrictions) },
  },
  {
    files: RAW_DB_ALLOWED_FILES,
    rules: { "@typescript-eslint/no-restricted-imports": restrict(csvRestrictions) },
  },
  {
    files: CSV_WRITER_FILES,
    rules: { "@typescript-eslint/no-restricted-imports": restrict(rawDbRestrictions) },
  },
  {
    // Test harnesses and the dev runner set variables for the processes they start.
    files: ["tests/**", "lib/dev/**", "playwright.config.ts", "vitest.config.ts", ".ci/**", "proxy.ts", "instrumentation.ts"],
    rules: { "no-restricted-properties": "off" },
  },
];

export default config;
