import { applyMigrations, createMigration, diffMigrationsToSchema } from "@/lib/db/migrations";
import { databaseUrl } from "@/lib/db/connection";

/**
 * npm run db:migrate            apply pending migrations
 * npm run db:migration <name>   write the next migration from schema.prisma (--empty: blank)
 * npm run db:check              fail when schema.prisma and the migrations disagree
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "migrate": {
      const applied = await applyMigrations(databaseUrl());
      console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
      return 0;
    }
    case "migration": {
      const name = rest.find((arg) => !arg.startsWith("--"));
      if (!name) {
        console.error("Usage: npm run db:migration <name> [-- --empty]");
        return 2;
      }
      const dir = await createMigration(name, { empty: rest.includes("--empty") });
      console.log(dir ? `Wrote ${dir}/migration.sql` : "schema.prisma and the migrations agree: nothing to write.");
      return 0;
    }
    case "check": {
      const drift = await diffMigrationsToSchema();
      if (drift) {
        console.error("schema.prisma and prisma/migrations disagree. Run `npm run db:migration <name>`. Missing SQL:\n" + drift);
        return 1;
      }
      console.log("schema.prisma and the migrations agree.");
      return 0;
    }
    default:
      console.error("Usage: tsx scripts/db/cli.ts <migrate|migration|check>");
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
