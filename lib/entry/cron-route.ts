import "server-only";
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

function bearerMatches(header: string | null, secret: string): boolean {
  const expected = Buffer.from(`Bearer ${secret}`);
  const given = Buffer.from(header ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The one wrapper for scheduled routes (/api/cron/*): checks `Authorization: Bearer
 * $CRON_SECRET` in constant time, runs the job, and answers with its summary as JSON.
 * Vercel Cron calls with GET; the local scheduler does too.
 */
export function cronRoute(name: string, job: (now: Date) => Promise<Record<string, unknown>>) {
  return async function GET(request: Request): Promise<Response> {
    if (!bearerMatches(request.headers.get("authorization"), env.CRON_SECRET)) {
      return Response.json({ error: "unauthorized" }, { status: 401 });
    }
    const startedAt = Date.now();
    try {
      const summary = await job(new Date());
      log.info({ cron: name, ms: Date.now() - startedAt, ...summary }, "cron job finished");
      return Response.json({ ok: true, job: name, ms: Date.now() - startedAt, ...summary });
    } catch (err) {
      log.error({ err, cron: name }, "cron job failed");
      return Response.json({ ok: false, job: name, error: "the job failed; see the logs" }, { status: 500 });
    }
  };
}
