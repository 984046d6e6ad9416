import fs from "node:fs";
import { Cron } from "croner";

/**
 * Runs vercel.json's cron schedule against a local server, the way Vercel Cron calls it in
 * production: GET with `Authorization: Bearer $CRON_SECRET`.
 */
export function startLocalScheduler(options: { appUrl: string; cronSecret: string; log: (line: string) => void }) {
  const { crons } = JSON.parse(fs.readFileSync("vercel.json", "utf8")) as { crons: Array<{ path: string; schedule: string }> };
  const call = async (path: string) => {
    try {
      const response = await fetch(new URL(path, options.appUrl), { headers: { authorization: `Bearer ${options.cronSecret}` } });
      options.log(`cron ${path}: ${response.status} ${(await response.text()).slice(0, 200)}`);
    } catch (err) {
      options.log(`cron ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const jobs = crons.map(({ path, schedule }) => new Cron(schedule, { protect: true }, () => call(path)));
  return { runNow: call, stop: () => jobs.forEach((job) => job.stop()) };
}
