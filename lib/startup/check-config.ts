import "server-only";
import { env, productionConfigProblems } from "@/lib/env";

/** A production server refuses to start without its secrets, a database and a mail transport. */
export function checkProductionConfig() {
  if (env.NODE_ENV !== "production") return;
  // eslint-disable-next-line no-restricted-properties -- checks the raw variables, before any default
  const problems = productionConfigProblems(process.env);
  if (problems.length) {
    console.error(`Invalid configuration: ${problems.join("; ")}`);
    process.exit(1);
  }
}

/** A production server connected as a role that ignores row-level security logs it at start-up. */
export async function checkDatabaseRole() {
  if (env.NODE_ENV !== "production") return;
  try {
    const { connectionBypassesRowLevelSecurity } = await import("@/lib/db");
    const { role, bypasses } = await connectionBypassesRowLevelSecurity();
    if (bypasses) {
      console.error(
        `Database role ${role} is a superuser or has BYPASSRLS: row-level security does not bind it. Connect as the owning role without them (README, Security model).`,
      );
    }
  } catch (err) {
    console.error(`Could not check the database role: ${err instanceof Error ? err.message : String(err)}`);
  }
}
