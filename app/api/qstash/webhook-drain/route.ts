import { drainGhlInbox } from "@/lib/ghl/webhook-drain";
import { log } from "@/lib/log";
import { clinicsWithWork } from "@/lib/webhooks/inbox";
import { publishDrainJob, verifyQstashSignature, ZDrainJob } from "@/lib/webhooks/qstash";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

const MAX_JOB_BYTES = 4 * 1024;

/**
 * One QStash job: verify its signature over the raw body, drain one batch of the clinic it
 * names, and publish the next job while that clinic has more. The clinic is only a hint of
 * where to look: the batch is read through the named organization's row-level security, so a
 * pair that does not belong together finds nothing. A failure answers 500 and QStash retries.
 */
export async function POST(request: Request): Promise<Response> {
  const raw = await request.text();
  if (raw.length > MAX_JOB_BYTES) return Response.json({ error: "body too large" }, { status: 413 });
  if (!(await verifyQstashSignature(raw, request.headers.get("upstash-signature")))) {
    return Response.json({ error: "invalid signature" }, { status: 401 });
  }
  let job: ReturnType<typeof ZDrainJob.parse>;
  try {
    job = ZDrainJob.parse(JSON.parse(raw));
  } catch {
    return Response.json({ error: "malformed job" }, { status: 400 });
  }
  try {
    const summary = await drainGhlInbox({ clinic: job, maxBatches: 1, budgetMs: 45_000 });
    const more = (await clinicsWithWork("ghl", new Date(), 1_000)).some((c) => c.locationId === job.locationId);
    if (more) await publishDrainJob(job);
    return Response.json({ ok: true, ...summary, more });
  } catch (err) {
    log.error({ err, locationId: job.locationId }, "webhook drain job failed");
    return Response.json({ error: "the drain failed; QStash retries" }, { status: 500 });
  }
}
