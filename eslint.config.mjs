import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { serverOnlyPlugin } from "./eslint/server-only.mjs";

/**
 * Files that may hold the raw database client, which sees every tenant: the database layer
 * itself (its org-scoped client and its named cross-tenant needs, lib/db/system.ts), the dev
 * tooling in scripts/ (dev runner, demo seed, migration CLI), and tests. Everything else reads
 * tenant data through forOrg() or a need in lib/db/system.ts.
 */
export const RAW_DB_ALLOWED_FILES = ["lib/db/**", "scripts/**", "prisma/**", "tests/**"];
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
/**
 * Layers: components render what they are given (no database, no session, no server-only
 * module); lib is behaviour and imports nothing from the layers above it, nor tests or dev
 * tooling. scripts/ (dev runner, demo seed, migration CLI) sits outside the product: it may
 * start the stand-ins in tests/sandboxes, and nothing in the product imports it.
 */
const SERVER_ONLY_MESSAGE = "is server code: a component receives data from its page and never reads the database or the session itself.";
const componentRestrictions = {
  paths: [
    { name: "server-only", message: `A component may not import server-only: pass it the data instead.` },
    { name: "@/lib/db", allowTypeImports: true, message: `@/lib/db ${SERVER_ONLY_MESSAGE}` },
    ...["context", "session", "auth", "request", "endpoints"].map((name) => ({ name: `@/lib/auth/${name}`, allowTypeImports: true, message: `@/lib/auth/${name} ${SERVER_ONLY_MESSAGE}` })),
  ],
  patterns: [
    { group: ["@/lib/db/*"], allowTypeImports: true, message: `The database layer ${SERVER_ONLY_MESSAGE}` },
    { group: ["@/lib/entry/*"], allowTypeImports: true, message: `An entry wrapper or page guard ${SERVER_ONLY_MESSAGE}` },
  ],
};
const LAYER_MESSAGE = "is a layer above lib: lib holds behaviour and may not import pages, actions, components, tests or dev tooling.";
const DEV_TOOLING_MESSAGE = "is dev tooling (scripts/): the product does not depend on it. Move what the product needs into lib.";
const devToolingRestrictions = { paths: [], patterns: [{ group: ["@/scripts/*"], message: `That module ${DEV_TOOLING_MESSAGE}` }] };
const libLayerRestrictions = {
  paths: [],
  patterns: [
    { group: ["@/app/*", "@/actions/*", "@/components/*"], message: `That module ${LAYER_MESSAGE}` },
    { group: ["@/tests/*", "@/scripts/*"], message: `Tests and dev tooling: that module ${LAYER_MESSAGE}` },
  ],
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
  // One rule, several sets: for each file the last matching entry below decides which sets apply.
  {
    rules: { "@typescript-eslint/no-restricted-imports": restrict(rawDbRestrictions, csvRestrictions, devToolingRestrictions) },
  },
  {
    files: ["lib/**"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict(rawDbRestrictions, csvRestrictions, libLayerRestrictions) },
  },
  {
    files: ["components/**"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict(rawDbRestrictions, csvRestrictions, componentRestrictions, devToolingRestrictions) },
  },
  {
    files: RAW_DB_ALLOWED_FILES,
    rules: { "@typescript-eslint/no-restricted-imports": restrict(csvRestrictions) },
  },
  {
    files: ["lib/db/**"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict(csvRestrictions, libLayerRestrictions) },
  },
  {
    files: CSV_WRITER_FILES,
    rules: { "@typescript-eslint/no-restricted-imports": restrict(rawDbRestrictions, libLayerRestrictions) },
  },
  {
    // Pages and route handlers read and write through lib data functions: a query written in a
    // page is one the lib layer's tests, scoping and reuse never see.
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...["CallExpression > MemberExpression.callee > MemberExpression.object[object.property.name='db']", "CallExpression > MemberExpression.callee > MemberExpression.object[object.name=/^(db|tx|prisma)$/]"].map((selector) => ({
          selector,
          message: "A page or route handler queries through a lib data function (findX(ctx, …)), never the database client itself.",
        })),
        { selector: "CallExpression[callee.name='systemDb']", message: "A page or route handler reaches cross-tenant data through a lib function that names its need, never systemDb itself." },
      ],
    },
  },
  // Tenant data stays on the server: what touches the org-scoped client is marked server-only,
  // and components import values only from client-safe modules (eslint/server-only.mjs).
  {
    plugins: { sidecar: serverOnlyPlugin },
  },
  {
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "actions/**/*.ts"],
    ignores: ["lib/generated/**"],
    rules: { "sidecar/server-only-with-db": "error" },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: { "sidecar/client-safe-imports": "error" },
  },
  {
    // Test harnesses and the dev runner set variables for the processes they start.
    files: ["tests/**", "scripts/**", "playwright.config.ts", "vitest.config.ts", ".ci/**", "proxy.ts", "instrumentation.ts"],
    rules: { "no-restricted-properties": "off" },
  },
];

export default config;
