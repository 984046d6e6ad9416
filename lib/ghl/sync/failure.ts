import { randomUUID } from "node:crypto";
import { UserError } from "@/lib/errors";
import { GhlHttpError } from "@/lib/ghl/http";
import { log } from "@/lib/log";

export interface SyncFailure {
  /** What Settings → Integrations and the queue show: a sentence for a person. */
  shown: string;
  /** What the sync run keeps for whoever debugs it: the reference and the technical detail. */
  recorded: string;
}

function httpSentence(err: GhlHttpError): string | null {
  if (err.status === 429) return "GoHighLevel is limiting requests for this clinic right now; the next sync continues where this one stopped.";
  if (err.status >= 500) return `GoHighLevel had a problem on its side (HTTP ${err.status}); the next sync tries again.`;
  if (err.status === 403) return "GoHighLevel refused access to this sub-account (HTTP 403). Check that the Sidecar app is installed in it, then reconnect.";
  if (err.status === 404) return "GoHighLevel no longer finds this sub-account (HTTP 404). Check it still exists in the agency, then reconnect.";
  return null;
}

/**
 * One sentence per known failure class; anything else is logged with a reference the sentence
 * quotes, so a raw error message never reaches the page.
 */
export function describeSyncFailure(err: unknown, context: { organizationId: string; locationId: string }): SyncFailure {
  const detail = err instanceof Error ? err.message : String(err);
  if (err instanceof UserError) return { shown: err.message, recorded: detail.slice(0, 500) };
  const known = err instanceof GhlHttpError ? httpSentence(err) : null;
  const reference = randomUUID().slice(0, 8);
  if (!known) log.error({ err, reference, ...context }, "sync failed");
  return {
    shown: known ?? `The sync stopped on an unexpected error (reference ${reference}). The next sync tries again; if it keeps failing, contact support with the reference.`,
    recorded: `${reference}: ${detail}`.slice(0, 500),
  };
}
