import "server-only";
import { z } from "zod";
import type { OrgContext } from "@/lib/auth/context";
import type { MinimiseContext } from "@/lib/ai/minimise";
import { recordIds } from "@/lib/ai/minimise";

/** One tool call as the audit keeps it: what the model asked for and which records it got back. */
export interface ToolCallRecord {
  tool: string;
  input: unknown;
  recordIds: string[];
  ms: number;
  error?: string;
}

export interface AskToolContext {
  ctx: Pick<OrgContext, "db" | "clinicIds" | "role" | "user"> & { organization: Pick<OrgContext["organization"], "id" | "slug"> };
  question: string;
  now: Date;
  /** Filled as the tools run. */
  calls: ToolCallRecord[];
}

export function minimiseContext(ask: AskToolContext): MinimiseContext {
  return { slug: ask.ctx.organization.slug, role: ask.ctx.role, question: ask.question, now: ask.now };
}

export const ZRecordId = z.string().trim().min(1).max(64);
export const ZDateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

/**
 * Runs one tool body and records it. The output is already minimised; its cited ids are what the
 * audit lists as having reached the model. A failure becomes a short message the model can relay.
 */
export async function recorded<I, O>(ask: AskToolContext, tool: string, input: I, run: () => Promise<O>): Promise<O | { error: string }> {
  const started = performance.now();
  try {
    const output = await run();
    ask.calls.push({ tool, input, recordIds: recordIds(output), ms: Math.round(performance.now() - started) });
    return output;
  } catch (err) {
    const message = err instanceof z.ZodError ? "The tool's input was not valid." : "That lookup failed; say so and suggest trying again.";
    ask.calls.push({ tool, input, recordIds: [], ms: Math.round(performance.now() - started), error: err instanceof Error ? err.name : "error" });
    return { error: message };
  }
}
