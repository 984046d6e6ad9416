import "server-only";
import { randomUUID } from "node:crypto";
import { convertToModelMessages, createUIMessageStream, createUIMessageStreamResponse, stepCountIs, streamText, type UIMessage } from "ai";
import { z } from "zod";
import type { AiModelChoice } from "@/lib/ai/model";
import { buildAskTools } from "@/lib/ai/tools";
import type { AskToolContext, ToolCallRecord } from "@/lib/ai/tools/context";
import { addUsage, appendMessage, budgetStatus, conversationMessages, createConversation, findConversation, HISTORY_LIMIT } from "@/lib/ai/conversations";
import { recordAudit } from "@/lib/audit/audit";
import type { OrgContext } from "@/lib/auth/context";
import { log } from "@/lib/log";
import { checkRateLimit, RATE_LIMITS } from "@/lib/ratelimit";

/** At most this many model steps (tool rounds and the answer) per question. */
export const MAX_STEPS = 6;
export const QUESTION_MAX_LENGTH = 1000;
export const TIMEOUT_MESSAGE = "Sidecar took too long to answer. Try again, or ask a narrower question.";

export const ZAskRequest = z.object({
  conversationId: z.string().trim().min(1).max(64).nullable().default(null),
  text: z.string().trim().min(1, "Ask a question").max(QUESTION_MAX_LENGTH, `Keep the question under ${QUESTION_MAX_LENGTH} characters`),
});

export interface AskMetadata {
  conversationId?: string;
}

export type AskMessage = UIMessage<AskMetadata>;

export function systemPrompt(ctx: Pick<OrgContext, "organization" | "clinicIds">, now: Date): string {
  return [
    `You are Ask Sidecar, the assistant of ${ctx.organization.name}, an agency running IV-therapy clinics and med spas.`,
    `Today is ${now.toISOString().slice(0, 10)} (UTC). ${ctx.clinicIds === null ? "The member sees every clinic of the agency." : "The member sees only their own clinics; the tools are limited to them."}`,
    "Answer only from what the tools return; if they return nothing relevant, say so. Never guess numbers.",
    "Every record you mention (clinic, appointment, item, lot, finding, patient) must be cited as a Markdown link [label](href) using the href of its `ref` exactly as given.",
    "Patients are named only when a tool gives a name; never ask for or infer contact details, dates of birth or notes.",
    "Be brief: a sentence or two, then a short list when it helps.",
  ].join("\n");
}

const refusal = (status: number, code: string, error: string) => Response.json({ code, error }, { status });

interface AskOptions {
  ctx: OrgContext;
  choice: AiModelChoice;
  body: unknown;
  /** The request's signal: a member who leaves stops the model. */
  signal?: AbortSignal;
  now?: Date;
}

/**
 * One question, answered as a UI message stream. In order: input → rate limit → budget →
 * conversation (the member's own, or a new one) → the model with the member's tools, under a
 * timeout → the answer stored with the conversation, the tokens added to the month, and one
 * audit entry with what the model was given.
 */
export async function answerQuestion({ ctx, choice, body, signal, now = new Date() }: AskOptions): Promise<Response> {
  if (!choice.configured) return refusal(503, "not_configured", choice.reason);
  const parsed = ZAskRequest.safeParse(body);
  if (!parsed.success) return refusal(400, "invalid_input", parsed.error.issues[0]?.message ?? "The question could not be read.");
  const { text } = parsed.data;
  const audit = (outcome: "success" | "failure", targetId: string | undefined, metadata: Record<string, unknown>) =>
    recordAudit({
      organizationId: ctx.organization.id,
      actorUserId: ctx.user.id,
      impersonatorUserId: ctx.impersonator?.userId ?? null,
      action: "ask.question",
      outcome,
      targetType: "ask_conversation",
      ...(targetId ? { targetId } : {}),
      metadata: { provider: choice.provider, model: choice.modelId, ...metadata } as never,
    });

  const limit = await checkRateLimit(RATE_LIMITS.askPerOrg, ctx.organization.id);
  if (!limit.allowed) {
    await audit("failure", parsed.data.conversationId ?? undefined, { code: "rate_limited" });
    const minutes = Math.max(1, Math.ceil(limit.resetMs / 60_000));
    return refusal(429, "rate_limited", `Your agency has asked ${RATE_LIMITS.askPerOrg.limit} questions in the last ${RATE_LIMITS.askPerOrg.windowMs / 60_000} minutes. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  const budget = await budgetStatus(ctx, now);
  if (budget.exhausted) {
    await audit("failure", parsed.data.conversationId ?? undefined, { code: "budget_exhausted", used: budget.used, budget: budget.budget });
    const resets = budget.resetsAt.toLocaleDateString("en-US", { month: "long", day: "numeric", timeZone: "UTC" });
    return refusal(
      429,
      "budget_exhausted",
      `Your agency has used this month's Ask Sidecar budget (${budget.used.toLocaleString("en-US")} of ${budget.budget.toLocaleString("en-US")} tokens). It starts again on ${resets}; an owner can raise it in Settings → Security.`,
    );
  }

  let conversationId = parsed.data.conversationId;
  if (conversationId && !(await findConversation(ctx, conversationId))) return refusal(404, "not_found", "That conversation was not found.");
  if (!conversationId) conversationId = (await createConversation(ctx, text)).id;
  const stored = await conversationMessages<AskMessage>(ctx, conversationId, HISTORY_LIMIT);
  // Retry after a failed answer sends the same question again: it is already the last message.
  const unanswered = stored.at(-1);
  const repeated = unanswered?.role === "user" && textOf(unanswered) === text;
  const history = repeated ? stored.slice(0, -1) : stored;
  const question: AskMessage = repeated ? unanswered : { id: randomUUID(), role: "user", parts: [{ type: "text", text }] };
  if (!repeated) await appendMessage(ctx, conversationId, question);

  const ask: AskToolContext = { ctx, question: text, now, calls: [] };
  const tools = buildAskTools(ask);
  const messages = await convertToModelMessages([...history, question], { tools, ignoreIncompleteToolCalls: true });
  const started = performance.now();
  let firstTokenMs: number | null = null;
  const timeout = AbortSignal.timeout(choice.timeoutMs);
  const abortSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const summary = (calls: ToolCallRecord[]) => ({
    tools: calls.map((c) => ({ name: c.tool, input: c.input, recordIds: c.recordIds, ms: c.ms, ...(c.error ? { error: c.error } : {}) })),
    recordIds: [...new Set(calls.flatMap((c) => c.recordIds))],
    latencyMs: Math.round(performance.now() - started),
    firstTokenMs,
  });
  let settled = false;
  // The stream stays open until the question's audit entry is written, whichever way it ended.
  let audited!: () => void;
  const auditWritten = new Promise<void>((resolve) => (audited = resolve));

  const stream = createUIMessageStream<AskMessage>({
    originalMessages: [...history, question],
    generateId: randomUUID,
    execute: async ({ writer }) => {
      const result = streamText({
        model: choice.model,
        system: systemPrompt(ctx, now),
        messages,
        tools,
        stopWhen: stepCountIs(MAX_STEPS),
        abortSignal,
        maxRetries: 1,
        onChunk: ({ chunk }) => {
          if (firstTokenMs === null && chunk.type === "text-delta") firstTokenMs = Math.round(performance.now() - started);
        },
        onFinish: async ({ totalUsage, steps, finishReason }) => {
          settled = true;
          const usage = { inputTokens: totalUsage.inputTokens ?? 0, outputTokens: totalUsage.outputTokens ?? 0 };
          await addUsage(ctx, usage, now).catch((err) => log.error({ err }, "ask usage could not be counted"));
          await audit("success", conversationId, { ...summary(ask.calls), usage: { ...usage, totalTokens: usage.inputTokens + usage.outputTokens }, steps: steps.length, finishReason });
          audited();
        },
        onError: async ({ error }) => {
          if (settled) return audited();
          settled = true;
          log.warn({ err: error, conversationId }, "ask model call failed");
          await audit("failure", conversationId, { ...summary(ask.calls), code: timeout.aborted ? "timeout" : "model_error" });
          audited();
        },
        onAbort: async () => {
          // A timeout is the member's problem to see (with a retry); a member who left sees nothing.
          if (timeout.aborted) writer.write({ type: "error", errorText: TIMEOUT_MESSAGE });
          if (settled) return audited();
          settled = true;
          await audit("failure", conversationId, { ...summary(ask.calls), code: timeout.aborted ? "timeout" : "aborted" });
          audited();
        },
      });
      writer.merge(
        result.toUIMessageStream<AskMessage>({
          messageMetadata: ({ part }) => (part.type === "start" ? { conversationId: conversationId! } : undefined),
          onError: streamError,
        }),
      );
      let guard: NodeJS.Timeout | undefined;
      await Promise.race([auditWritten, new Promise<void>((resolve) => (guard = setTimeout(resolve, choice.timeoutMs + 5_000)))]);
      clearTimeout(guard);
    },
    onFinish: async ({ responseMessage }) => {
      if (responseMessage.parts.length === 0) return;
      await appendMessage(ctx, conversationId!, responseMessage).catch((err) => log.error({ err, conversationId }, "ask answer could not be stored"));
    },
    onError: streamError,
  });
  return createUIMessageStreamResponse({ stream });

  function streamError(error: unknown): string {
    if (timeout.aborted) return TIMEOUT_MESSAGE;
    log.warn({ err: error }, "ask stream error");
    return "Sidecar could not get an answer from the model just now. Try again in a moment.";
  }
}

function textOf(message: AskMessage): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("").trim();
}
