import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { simulateReadableStream } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import type { AiModelChoice } from "@/lib/ai/model";
import { RATE_LIMITS, rateLimitStore } from "@/lib/ratelimit";
import { listConversations } from "@/lib/ai/conversations";
import { forOrg } from "@/lib/db";
import { POST } from "@/app/api/agency/[slug]/ask/route";
import { deleteConversationAction } from "@/actions/ask/delete-conversation";
import { actAs, signInAs } from "../support/auth";
import { prisma, resetDatabase } from "../support/db";
import { seedOneOfEachProblem } from "../support/ops";
import { seedAgency, type SeededAgency } from "../support/tenants";

vi.mock("@/lib/auth/request", () => ({ requestHeaders: vi.fn() }));

let choice: AiModelChoice = { configured: false, reason: "No AI provider is switched on." };
vi.mock("@/lib/ai/model", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/ai/model")>()), resolveModel: () => choice }));

const usage = { inputTokens: { total: 120, noCache: 120, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 30, text: 30, reasoning: undefined } };

type Step = { tool: string; input: Record<string, unknown> } | { text: (prompt: LanguageModelV3CallOptions["prompt"]) => string };

/** A mock model that follows a script: one step per model call, tool calls first, then an answer. */
function scripted(steps: Step[]) {
  let call = 0;
  const model = new MockLanguageModelV3({
    modelId: "mock-answerer",
    doStream: async (options) => {
      const step = steps[Math.min(call, steps.length - 1)]!;
      call += 1;
      const chunks: LanguageModelV3StreamPart[] =
        "tool" in step
          ? [
              { type: "stream-start", warnings: [] },
              { type: "tool-call", toolCallId: `call-${call}`, toolName: step.tool, input: JSON.stringify(step.input) },
              { type: "finish", finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage },
            ]
          : [
              { type: "stream-start", warnings: [] },
              { type: "text-start", id: "t1" },
              ...step.text(options.prompt).split(/(?<= )/).map((delta) => ({ type: "text-delta" as const, id: "t1", delta })),
              { type: "text-end", id: "t1" },
              { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
            ];
      return { stream: simulateReadableStream({ chunks }) };
    },
  });
  choice = { configured: true, provider: "openai", modelId: "mock-answerer", model, timeoutMs: 10_000 };
  return model;
}

/** The tool results the model was given in one call, parsed. */
function toolResults(prompt: LanguageModelV3CallOptions["prompt"]): Array<{ toolName: string; value: unknown }> {
  return prompt.flatMap((m) =>
    m.role === "tool" ? m.content.flatMap((p) => (p.type === "tool-result" && p.output.type === "json" ? [{ toolName: p.toolName, value: p.output.value }] : [])) : [],
  );
}

/** The href the tools gave the record labelled `label`, for an answer that cites it. */
const hrefOf = (prompt: LanguageModelV3CallOptions["prompt"], label: string) =>
  JSON.stringify(toolResults(prompt)).match(new RegExp(`"label":"${label}","href":"([^"]+)"`))?.[1] ?? "";

async function ask(slug: string, text: string, conversationId: string | null = null) {
  const response = await POST(new Request(`http://localhost/api/agency/${slug}/ask`, { method: "POST", body: JSON.stringify({ conversationId, text }) }), {
    params: Promise.resolve({ slug }),
  });
  const raw = await response.text();
  const chunks = raw
    .split("\n")
    .filter((line) => line.startsWith("data: ") && line !== "data: [DONE]")
    .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
  const answer = chunks.filter((c) => c.type === "text-delta").map((c) => c.delta).join("");
  const start = chunks.find((c) => c.type === "start") as { messageMetadata?: { conversationId: string } } | undefined;
  return { status: response.status, raw, chunks, answer, conversationId: start?.messageMetadata?.conversationId ?? null };
}

const latestAudit = (organizationId: string) => prisma.auditLog.findFirstOrThrow({ where: { organizationId, action: "ask.question" }, orderBy: { createdAt: "desc" } });

let A: SeededAgency;
let B: SeededAgency;
let sessions: Record<"owner" | "staff" | "admin" | "ownerB", Headers>;
const NOTE = "Allergic to latex; anxious about needles";

beforeAll(async () => {
  await resetDatabase();
  A = await seedAgency("a");
  B = await seedAgency("b");
  await seedOneOfEachProblem(A);
  await seedOneOfEachProblem(B);
  await prisma.appointment.updateMany({ where: { organizationId: A.organization.id }, data: { notes: NOTE } });
  await prisma.contactNote.create({ data: { organizationId: A.organization.id, contactId: A.contacts[0]!.id, body: NOTE } }).catch(() => undefined);
  sessions = {
    owner: await signInAs(A.owner.user.email),
    admin: await signInAs(A.admin.user.email),
    staff: await signInAs(A.staff.user.email),
    ownerB: await signInAs(B.owner.user.email),
  };
});

afterEach(() => {
  choice = { configured: false, reason: "No AI provider is switched on." };
});

describe("Ask Sidecar", () => {
  it("says how to switch a provider on when none is configured", async () => {
    actAs(sessions.owner);
    const result = await ask(A.organization.slug, "How many no-shows last month?");
    expect(result.status).toBe(503);
    expect(JSON.parse(result.raw)).toMatchObject({ code: "not_configured" });
  });

  it("calls a tool with the model's input, gives the model only aggregates, streams a cited answer, stores it and audits the call", async () => {
    actAs(sessions.owner);
    const model = scripted([
      { tool: "appointmentStats", input: { from: "2020-01-01", to: "2100-12-31" } },
      { text: (prompt) => `Clinic a2 had the most no-shows, see [Clinic a2](${hrefOf(prompt, "Clinic a2")}).` },
    ]);
    const before = await prisma.askUsage.findFirst({ where: { organizationId: A.organization.id } });
    const result = await ask(A.organization.slug, "Which clinics had the most no-shows and why?");
    expect(result.status).toBe(200);

    // The tool ran with the model's input and its output streamed to the page.
    const input = result.chunks.find((c) => c.type === "tool-input-available");
    expect(input).toMatchObject({ toolName: "appointmentStats", input: { from: "2020-01-01", to: "2100-12-31" } });
    expect(result.chunks.some((c) => c.type === "tool-output-available")).toBe(true);

    // What reached the model: per-clinic counts and rates, with refs; nothing about a patient.
    expect(model.doStreamCalls).toHaveLength(2);
    const [stats] = toolResults(model.doStreamCalls[1]!.prompt);
    expect(stats!.toolName).toBe("appointmentStats");
    const value = stats!.value as { clinics: Array<{ ref: { id: string; href: string }; noShows: number; appointments: number }> };
    const clinic2 = value.clinics.find((c) => c.ref.id === A.clinics[1].id)!;
    expect(clinic2.appointments).toBe(160);
    expect(clinic2.noShows).toBe(18);
    expect(clinic2.ref.href).toBe(`/agency/${A.organization.slug}/admin/dashboard?clinic=${A.clinics[1].id}`);
    const sent = JSON.stringify(model.doStreamCalls.map((c) => c.prompt));
    for (const secret of [A.contacts[0]!.firstName!, A.contacts[0]!.email!, NOTE, "Myers' Cocktail", B.clinics[0].id, B.clinics[1].id]) expect(sent).not.toContain(secret);

    // The answer cites the clinic as a link to its Sidecar page.
    expect(result.answer).toContain(`[Clinic a2](/agency/${A.organization.slug}/admin/dashboard?clinic=${A.clinics[1].id})`);

    // Stored under the member, with the month's tokens counted.
    const conversation = await prisma.askConversation.findUniqueOrThrow({ where: { id: result.conversationId! }, include: { messages: { orderBy: { createdAt: "asc" } } } });
    expect(conversation).toMatchObject({ organizationId: A.organization.id, userId: A.owner.user.id, title: "Which clinics had the most no-shows and why?" });
    expect(conversation.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    const after = await prisma.askUsage.findFirstOrThrow({ where: { organizationId: A.organization.id } });
    expect(after.inputTokens - (before?.inputTokens ?? 0)).toBe(240);
    expect(after.outputTokens - (before?.outputTokens ?? 0)).toBe(60);

    // One audit entry: member, model, tool and input, the records that reached the model, tokens, latency, outcome.
    const entry = await latestAudit(A.organization.id);
    expect(entry).toMatchObject({ actorUserId: A.owner.user.id, outcome: "success", targetType: "ask_conversation", targetId: result.conversationId });
    const meta = entry.metadata as Record<string, unknown>;
    expect(meta).toMatchObject({ provider: "openai", model: "mock-answerer", usage: { inputTokens: 240, outputTokens: 60, totalTokens: 300 }, steps: 2, finishReason: "stop" });
    expect(meta.tools).toEqual([expect.objectContaining({ name: "appointmentStats", input: { from: "2020-01-01", to: "2100-12-31" } })]);
    expect(meta.recordIds).toEqual(expect.arrayContaining([`clinic:${A.clinics[0].id}`, `clinic:${A.clinics[1].id}`]));
    expect(typeof meta.latencyMs).toBe("number");
    expect(typeof meta.firstTokenMs).toBe("number");
  });

  it("never gives clinic staff another clinic's rows, whatever ids the model passes", async () => {
    actAs(sessions.staff);
    const model = scripted([
      { tool: "appointmentStats", input: { from: "2020-01-01", to: "2100-12-31", clinicIds: [A.clinics[1].id, B.clinics[0].id] } },
      { tool: "inventoryStatus", input: { withinDays: 60, clinicIds: [A.clinics[1].id] } },
      { tool: "appointmentsNeedingAttention", input: { days: 31 } },
      { tool: "queueFindings", input: { clinicId: A.clinics[1].id } },
      { tool: "findContact", input: { name: "Secreta1 Patient" } },
      { text: () => "Nothing for that clinic." },
    ]);
    const result = await ask(A.organization.slug, "How is Secreta1 Patient doing at the other clinic?");
    expect(result.status).toBe(200);
    const results = toolResults(model.doStreamCalls.at(-1)!.prompt);
    expect(results.map((r) => r.toolName)).toEqual(["appointmentStats", "inventoryStatus", "appointmentsNeedingAttention", "queueFindings", "findContact"]);
    const sent = JSON.stringify(results);
    for (const other of [A.clinics[1].id, A.clinics[1].name, A.contacts[1]!.id, "Secreta1", B.clinics[0].id, "Catheter 22G", "Vitamin kit"]) expect(sent).not.toContain(other);
    expect((results[0]!.value as { clinics: unknown[] }).clinics).toEqual([]);
    // Their own clinic is still answered.
    const attention = results[2]!.value as { appointments: Array<{ ref: { id: string; href: string } }> };
    expect(attention.appointments).toHaveLength(1);
    expect(attention.appointments[0]!.ref.href).toBe(`/agency/${A.organization.slug}/clinic/${A.clinics[0].id}`);
    // Sync health is an admin tool: clinic staff's model is not offered it.
    expect(model.doStreamCalls[0]!.tools?.map((t) => t.name)).not.toContain("syncHealth");
  });

  it("names a patient only when the question names them", async () => {
    actAs(sessions.owner);
    let model = scripted([{ tool: "appointmentsNeedingAttention", input: { days: 7 } }, { text: () => "One appointment needs confirming." }]);
    await ask(A.organization.slug, "Which upcoming appointments need attention?");
    let sent = JSON.stringify(toolResults(model.doStreamCalls[1]!.prompt));
    expect(sent).toContain(A.clinics[0].name);
    expect(sent).not.toContain(A.contacts[0]!.firstName!);
    expect(sent).not.toContain("Myers");

    model = scripted([{ tool: "findContact", input: { name: "Secreta0" } }, { text: () => "Tomorrow." }]);
    await ask(A.organization.slug, "When is Secreta0 Patient's next appointment?");
    sent = JSON.stringify(toolResults(model.doStreamCalls[1]!.prompt));
    expect(sent).toContain("Secreta0 Patient");
    expect(sent).not.toContain(A.contacts[0]!.email!);
    expect(sent).not.toContain(NOTE);
  });

  it("continues the member's own conversation with its history, and nobody else's", async () => {
    actAs(sessions.owner);
    let model = scripted([{ text: () => "First answer." }]);
    const first = await ask(A.organization.slug, "What can you answer?");
    model = scripted([{ text: () => "Second answer." }]);
    const second = await ask(A.organization.slug, "And about supplies?", first.conversationId);
    expect(second.status).toBe(200);
    expect(second.conversationId).toBe(first.conversationId);
    expect(JSON.stringify(model.doStreamCalls[0]!.prompt)).toContain("What can you answer?");
    expect(JSON.stringify(model.doStreamCalls[0]!.prompt)).toContain("First answer.");

    actAs(sessions.admin);
    scripted([{ text: () => "x" }]);
    expect((await ask(A.organization.slug, "Let me in", first.conversationId)).status).toBe(404);
    expect((await deleteConversationAction(A.organization.slug, { conversationId: first.conversationId! })).ok).toBe(false);
    const adminCtx = { db: forOrg(A.organization.id), user: { id: A.admin.user.id } };
    expect((await listConversations(adminCtx as never)).map((c) => c.id)).not.toContain(first.conversationId);

    actAs(sessions.owner);
    expect(await deleteConversationAction(A.organization.slug, { conversationId: first.conversationId! })).toMatchObject({ ok: true });
    expect(await prisma.askMessage.count({ where: { conversationId: first.conversationId! } })).toBe(0);
  });

  it("refuses with a clear message once the month's token budget is spent, without calling the model", async () => {
    actAs(sessions.ownerB);
    await prisma.organization.update({ where: { id: B.organization.id }, data: { askMonthlyTokenBudget: 1000 } });
    await prisma.askUsage.create({ data: { organizationId: B.organization.id, month: new Date().toISOString().slice(0, 7), inputTokens: 900, outputTokens: 150, questions: 3 } });
    const model = scripted([{ text: () => "should not be asked" }]);
    const result = await ask(B.organization.slug, "How many no-shows?");
    expect(result.status).toBe(429);
    const body = JSON.parse(result.raw) as { code: string; error: string };
    expect(body.code).toBe("budget_exhausted");
    expect(body.error).toContain("1,050 of 1,000 tokens");
    expect(model.doStreamCalls).toHaveLength(0);
    expect(await latestAudit(B.organization.id)).toMatchObject({ outcome: "failure", metadata: expect.objectContaining({ code: "budget_exhausted" }) });
  });

  it("limits questions per agency", async () => {
    actAs(sessions.owner);
    const store = rateLimitStore();
    for (let i = 0; i < RATE_LIMITS.askPerOrg.limit; i += 1) await store.hit(`rl:${RATE_LIMITS.askPerOrg.name}:${A.organization.id}`, RATE_LIMITS.askPerOrg.windowMs);
    const model = scripted([{ text: () => "should not be asked" }]);
    const result = await ask(A.organization.slug, "One more?");
    expect(result.status).toBe(429);
    expect(JSON.parse(result.raw)).toMatchObject({ code: "rate_limited" });
    expect(model.doStreamCalls).toHaveLength(0);
  });
});

describe("Ask Sidecar's timeout", () => {
  it("stops a model that does not answer, tells the member to retry and audits a timeout", async () => {
    actAs(sessions.ownerB);
    await prisma.organization.update({ where: { id: B.organization.id }, data: { askMonthlyTokenBudget: 1_000_000 } });
    const model = new MockLanguageModelV3({
      doStream: async ({ abortSignal }) => {
        await new Promise((_, reject) => abortSignal?.addEventListener("abort", () => reject(abortSignal.reason)));
        throw new Error("unreachable");
      },
    });
    choice = { configured: true, provider: "anthropic", modelId: "slow", model, timeoutMs: 300 };
    const result = await ask(B.organization.slug, "Anything?");
    expect(result.status).toBe(200);
    expect(result.raw).toContain("took too long");
    expect(result.raw).not.toMatch(/at .*\.ts:\d+/);
    const entry = await latestAudit(B.organization.id);
    expect(entry).toMatchObject({ outcome: "failure", metadata: expect.objectContaining({ code: "timeout", model: "slow" }) });

    // Retry sends the question again: it is answered once and stored once.
    const conversationId = entry.targetId!;
    const retried = scripted([{ text: () => "Here it is." }]);
    const again = await ask(B.organization.slug, "Anything?", conversationId);
    expect(again.answer).toBe("Here it is.");
    const asked = JSON.stringify(retried.doStreamCalls[0]!.prompt);
    expect(asked.split("Anything?")).toHaveLength(2);
    const stored = await prisma.askMessage.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" }, select: { role: true } });
    expect(stored.map((m) => m.role)).toEqual(["user", "assistant"]);

    // The same words asked after an answer are a new question.
    scripted([{ text: () => "Still here." }]);
    await ask(B.organization.slug, "Anything?", conversationId);
    expect(await prisma.askMessage.count({ where: { conversationId } })).toBe(4);
  });
});
