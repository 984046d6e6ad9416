import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations, MIGRATIONS_DIR } from "@/lib/db/migrations";
import { createTestDatabase, type TestDatabase } from "./test-database";

/** The folder name of the migration whose name ends with `suffix` (its timestamp varies). */
export function migrationNamed(suffix: string): string {
  const name = fs.readdirSync(MIGRATIONS_DIR).find((folder) => folder.endsWith(`_${suffix}`));
  if (!name) throw new Error(`no migration named *_${suffix}`);
  return name;
}

/** Applies the migrations of a copy of the directory holding only those `keep` accepts. */
async function applyMigrationsWhere(url: string, keep: (name: string) => boolean): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sidecar-migrations-"));
  try {
    for (const name of fs.readdirSync(MIGRATIONS_DIR)) if (keep(name)) fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
    return await applyMigrations(url, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A fresh database with every migration before `migration` applied, and a pg client on it, to
 * write rows as they were before it ran.
 */
export async function databaseBeforeMigration(migration: string, label: string): Promise<{ database: TestDatabase; client: pg.Client }> {
  const database = await createTestDatabase(label);
  await applyMigrationsWhere(database.url, (name) => name < migration);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return { database, client };
}

/** Applies `migration` itself, whatever later ones exist; returns the migrations applied. */
export function applyMigrationThrough(url: string, migration: string): Promise<string[]> {
  return applyMigrationsWhere(url, (name) => name <= migration || name.endsWith(".toml"));
}
