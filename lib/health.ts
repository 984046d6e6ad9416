import "server-only";
import type { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import packageJson from "@/package.json";

export interface Health {
  status: "ok" | "degraded";
  db: "ok" | "unreachable";
  version: string;
}

const DB_CHECK_TIMEOUT_MS = 3_000;

type Pingable = Pick<typeof prisma, "$queryRaw">;

export async function checkDatabase(db: Pingable): Promise<Health> {
  const version = env.APP_VERSION ?? packageJson.version;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
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
export async function healthResponse(db: Pingable): Promise<Response> {
  const health = await checkDatabase(db);
  return Response.json(health, { status: health.db === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
