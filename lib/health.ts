import "server-only";
import { env } from "@/lib/env";
import packageJson from "@/package.json";

export interface Health {
  status: "ok" | "degraded";
  db: "ok" | "unreachable";
  version: string;
}

const DB_CHECK_TIMEOUT_MS = 3_000;

/** Anything that answers `SELECT 1`: the app's database (lib/db pingDatabase) or a test's. */
type Ping = () => Promise<unknown>;

export async function checkDatabase(ping: Ping): Promise<Health> {
  const version = env.APP_VERSION ?? packageJson.version;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("database check timed out")), DB_CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: "ok", db: "ok", version };
  } catch {
    return { status: "degraded", db: "unreachable", version };
  } finally {
    clearTimeout(timer);
  }
}

/** `{status, db, version}`: 200 when the database answers, 503 when it does not. */
export async function healthResponse(ping: Ping): Promise<Response> {
  const health = await checkDatabase(ping);
  return Response.json(health, { status: health.db === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
