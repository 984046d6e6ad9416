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
