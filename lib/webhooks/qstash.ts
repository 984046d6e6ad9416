import "server-only";
import { Client, Receiver } from "@upstash/qstash";
import { z } from "zod";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import type { InboxClinic } from "@/lib/webhooks/inbox";

/**
 * Upstash QStash as the drain's scheduler, when configured: a job names one clinic, QStash
 * delivers it signed (`Upstash-Signature`, a JWT over the URL and the body's SHA-256) to
 * /api/qstash/webhook-drain and retries it until that answers 2xx.
 */

export const DRAIN_JOB_PATH = "/api/qstash/webhook-drain";

export const ZDrainJob = z.object({ organizationId: z.string().min(1).max(64), locationId: z.string().min(1).max(64) });

export function isQstashConfigured(): boolean {
  return Boolean(env.QSTASH_TOKEN && env.QSTASH_CURRENT_SIGNING_KEY && env.QSTASH_NEXT_SIGNING_KEY);
}

/** The URL QStash calls; also the `sub` every job's signature must carry. */
export function drainJobUrl(): string {
  return new URL(DRAIN_JOB_PATH, env.APP_URL).toString();
}

let client: Client | undefined;
function qstash(): Client {
  client ??= new Client({ token: env.QSTASH_TOKEN!, baseUrl: env.QSTASH_URL, devMode: false, enableTelemetry: false, retry: { retries: 2 } });
  return client;
}

/** Publishes one drain job for a clinic. */
export async function publishDrainJob(clinic: InboxClinic): Promise<void> {
  await qstash().publishJSON({ url: drainJobUrl(), body: { organizationId: clinic.organizationId, locationId: clinic.locationId }, retries: 3 });
}

/** Publishes, at most once a second per clinic from this process: a burst needs one job, not one per event. */
const lastPublished = new Map<string, number>();
export async function publishDrainJobSoon(clinic: InboxClinic): Promise<void> {
  const now = Date.now();
  if ((lastPublished.get(clinic.locationId) ?? 0) > now - 1_000) return;
  lastPublished.set(clinic.locationId, now);
  if (lastPublished.size > 10_000) lastPublished.clear();
  try {
    await publishDrainJob(clinic);
  } catch (err) {
    lastPublished.delete(clinic.locationId);
    // The cron publishes for whatever still waits.
    log.error({ err, locationId: clinic.locationId }, "could not publish a webhook drain job");
  }
}

let receiver: Receiver | undefined;
/** Whether a request is a job QStash signed for this URL and these exact bytes. */
export async function verifyQstashSignature(raw: string, signature: string | null): Promise<boolean> {
  if (!signature || !isQstashConfigured()) return false;
  receiver ??= new Receiver({ currentSigningKey: env.QSTASH_CURRENT_SIGNING_KEY!, nextSigningKey: env.QSTASH_NEXT_SIGNING_KEY! });
  try {
    return await receiver.verify({ signature, body: raw, url: drainJobUrl() });
  } catch {
    return false;
  }
}
