import "server-only";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "./pglite-extensions";
import { PrismaPGlite } from "pglite-prisma-adapter";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { createPool, databaseUrl } from "@/lib/db/connection";

/**
 * Migrations without Prisma's native schema engine (its CLI downloads one, and that needs the
 * internet). The wasm build of the same engine does the work through a driver adapter, and
 * keeps Prisma's `_prisma_migrations` table, so `prisma migrate deploy` sees the same history.
 */

const ROOT = process.cwd();
export const MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");
export const SCHEMA_PATH = path.join(ROOT, "prisma", "schema.prisma");
const LOCKFILE = 'provider = "postgresql"\n';
const NO_FILTERS = { externalTables: [], externalEnums: [] };

type EngineModule = typeof import("@prisma/schema-engine-wasm");
let engineModule: Promise<EngineModule> | undefined;

function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    // The package's entry imports the .wasm file as an ES module, which Node only allows behind
    // a flag; instantiate it by hand against the generated JS glue instead.
    const runtime = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const require = createRequire(path.join(ROOT, "package.json"));
    const wasmPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/_bg\.js$/, "_bg.wasm");
    const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmPath)), {
      "./schema_engine_bg.js": runtime as unknown as WebAssembly.ModuleImports,
    });
    runtime.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return runtime;
  })();
  return engineModule;
}

async function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const schema = fs.readFileSync(SCHEMA_PATH, "utf8");
  const logs: string[] = [];
  const engine = await SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
  }
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationList {
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: LOCKFILE },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? { tag: "ok" as const, value: fs.readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

/** Applies pending migrations (from `dir`) to the database at `url`; returns the names applied. */
export async function applyMigrations(url = databaseUrl(), dir = MIGRATIONS_DIR): Promise<string[]> {
  // The pool is closed here rather than left to the engine: the embedded database accepts one
  // connection, and the app needs it next.
  const pool = createPool(url);
  try {
    return await withEngine(wholeScriptAdapter(pool), async (engine) => {
      const result = await engine.applyMigrations({ migrationsList: listMigrations(dir), filters: NO_FILTERS });
      return result.appliedMigrationNames;
    });
  } finally {
    await pool.end();
  }
}

/**
 * The SQL that takes the migrations' schema to schema.prisma; empty when they agree. An
 * in-memory PGlite is the shadow database the migrations are replayed into. Diffing from a
 * live database is avoided: introspecting Postgres through adapter-pg trips on system columns.
 */
export async function diffMigrationsToSchema(): Promise<string> {
  const shadow = new PGlite({ extensions: PGLITE_EXTENSIONS });
  const replay = new PGlite({ extensions: PGLITE_EXTENSIONS });
  const factory = new PrismaPGlite(shadow);
  // The adapter's own shadow database lacks the extensions the migrations create.
  factory.connectToShadowDb = () => new PrismaPGlite(replay).connect();
  try {
    return await withEngine(factory as unknown as SqlMigrationAwareDriverAdapterFactory, async (engine) => {
      const result = await engine.diff({
        from: { tag: "migrations", ...listMigrations() },
        to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: fs.readFileSync(SCHEMA_PATH, "utf8") }] },
        script: true,
        exitCode: null,
        filters: NO_FILTERS,
      });
      const sql = result.stdout ?? "";
      return isEmptyMigration(sql) ? "" : sql;
    });
  } finally {
    await Promise.all([shadow.close(), replay.close()]);
  }
}

/**
 * adapter-pg runs a migration script by splitting it on ";", which breaks dollar-quoted bodies
 * (DO $$ ... $$) in hand-written migrations. Send the whole script as one simple query
 * instead: Postgres runs it as one implicit transaction, as `prisma migrate deploy` would.
 */
function wholeScriptAdapter(pool: pg.Pool): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPg(pool);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connectToShadowDb: () => factory.connectToShadowDb(),
    async connect() {
      const adapter = await factory.connect();
      adapter.executeScript = async (script: string) => {
        try {
          await pool.query(script);
        } catch (error) {
          (adapter as unknown as { onError(error: unknown): never }).onError(error);
        }
      };
      return adapter;
    },
  };
}

function isEmptyMigration(sql: string): boolean {
  return sql.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"));
}

export function migrationTimestamp(now = new Date()): string {
  return now.toISOString().replace(/\D/g, "").slice(0, 14);
}

/** Writes prisma/migrations/<timestamp>_<name>/migration.sql; `empty` writes a file to fill by hand. */
export async function createMigration(name: string, options: { empty?: boolean } = {}): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("migration name must be lower_snake_case");
  const sql = options.empty ? "-- Write this migration's SQL here.\n" : await diffMigrationsToSchema();
  if (!sql) return null;
  const dir = path.join(MIGRATIONS_DIR, `${migrationTimestamp()}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), LOCKFILE);
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  return dir;
}
