import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { applyMigrations, diffMigrationsToSchema, MIGRATIONS_DIR } from "@/lib/db/migrations";
import { databaseUrl } from "@/lib/db/connection";
import { prisma } from "@/lib/db/client";

describe("migrations", () => {
  // First in the file: on the embedded fallback the database takes one connection, which the
  // shared client keeps once it has queried.
  it("applies nothing the second time", async () => {
    expect(await applyMigrations(databaseUrl())).toEqual([]);
  });
  it("agree with schema.prisma (drift check)", async () => {
    expect(await diffMigrationsToSchema()).toBe("");
  });

  it("are all recorded in Prisma's _prisma_migrations, so migrate deploy sees the same history", async () => {
    const onDisk = fs
      .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const rows = await prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((row) => row.migration_name)).toEqual(onDisk);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });
});
