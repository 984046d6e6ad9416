/**
 * npm run bench:ai — Ask Sidecar end to end on the bench:pages dataset (BENCH_CONTACTS contacts,
 * default 100k, and a year of appointments), with the OpenAI-compatible stand-in answering
 * instantly: the real OpenAI provider, streamText, the tools against Postgres under row-level
 * security, the minimiser, the stored conversation and the audit entry. For five typical
 * questions it prints p50/p95 of the time to the first streamed token, to the final answer, and
 * the tools' own time (from the audit entry). The stand-in adds ~nothing, so what is left is
 * Sidecar's own overhead. Figures are printed, never asserted.
 */
import { createTestDatabase } from "../support/test-database";
import { startOpenAiSandbox } from "../sandboxes/openai";
import { seedPagesDataset } from "./support/pages-dataset";

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20);
const WARMUP = 3;
const GOAL_TOOLS_P95_MS = 300;
const GOAL_TOTAL_P95_MS = 3_000;

const QUESTIONS = [
  "Which clinics had the most no-shows last month?",
  "What will we run out of before Friday?",
  "Which upcoming appointments need attention?",
  "When is Maya Lopez's next appointment?",
  "What is in the needs-attention queue?",
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main() {
  const database = await createTestDatabase("bench_ai");
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_MAX = String(database.poolMax);
  process.env.LOG_LEVEL = "error";
  const sandbox = await startOpenAiSandbox({ chunkDelayMs: 0 });
  try {
    const { applyMigrations } = await import("@/lib/db/migrations");
    await applyMigrations(database.url);
    const { prisma } = await import("@/lib/db/client");
    const { forOrg } = await import("@/lib/db");
    const { parseEnv } = await import("@/lib/env");
    const { resolveModel } = await import("@/lib/ai/model");
    const { answerQuestion } = await import("@/lib/ai/ask");

    const { org, clinics } = await seedPagesDataset(prisma, { contacts: CONTACTS, appointmentsPerClinicPerDay: Number(process.env.BENCH_APPOINTMENTS_PER_DAY ?? 40) });
    // Supplies: 20 items per clinic with four weeks of usage, so the inventory question has a forecast to make.
    const items = clinics.flatMap((c, ci) =>
      Array.from({ length: 20 }, (_, i) => ({ id: `it-${ci}-${i}`, organizationId: org.id, locationId: c.id, sku: `SKU-${i}`, name: `Supply ${i}`, category: "IV supplies", unit: "units", onHand: 5 + i * 3, reorderPoint: 10, parLevel: 60, createdAt: new Date(Date.now() - 60 * 86_400_000) })),
    );
    await prisma.inventoryItem.createMany({ data: items });
    await prisma.inventoryLot.createMany({ data: items.map((it) => ({ id: `lot-${it.id}`, organizationId: org.id, itemId: it.id, lotNumber: `L-${it.id}`, onHand: it.onHand, expiresOn: new Date(Date.now() + ((it.onHand % 40) + 1) * 86_400_000) })) });
    await prisma.inventoryTransaction.createMany({
      data: items.flatMap((it) => Array.from({ length: 4 }, (_, w) => ({ organizationId: org.id, locationId: it.locationId, itemId: it.id, lotId: `lot-${it.id}`, kind: "usage" as const, quantity: -6, onHandAfter: it.onHand, createdAt: new Date(Date.now() - (w * 7 + 1) * 86_400_000) }))),
    });
    await prisma.organization.update({ where: { id: org.id }, data: { askMonthlyTokenBudget: 100_000_000 } });
    const user = await prisma.user.create({ data: { name: "Bench owner", email: "bench.owner@example.com", emailVerified: true } });
    const member = await prisma.member.create({ data: { organizationId: org.id, userId: user.id, role: "agency_owner" } });
    await prisma.$executeRawUnsafe("ANALYZE");

    // The per-agency question limit would stop a benchmark after 30 questions: counted nowhere here.
    (globalThis as { sidecarRateLimitStore?: unknown }).sidecarRateLimitStore = { name: "memory", hit: async () => ({ count: 1, resetMs: 0 }) };
    const choice = resolveModel(parseEnv({ OPENAI_API_KEY: "sk-bench", OPENAI_BASE_URL: sandbox.baseURL, AI_MODEL: "bench-instant" }));
    const ctx = {
      user: { id: user.id, name: user.name, email: user.email },
      sessionId: "bench",
      organization: { id: org.id, name: org.name, slug: org.slug, idleTimeoutMinutes: 30 },
      memberId: member.id,
      role: "agency_owner" as const,
      clinicIds: null,
      db: forOrg(org.id),
    };

    const askOnce = async (text: string) => {
      const started = performance.now();
      const response = await answerQuestion({ ctx: ctx as never, choice, body: { conversationId: null, text } });
      if (!response.ok || !response.body) throw new Error(`${text}: ${response.status} ${await response.text()}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let first: number | null = null;
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        if (first === null && buffer.includes('"type":"text-delta"')) first = performance.now() - started;
      }
      const total = performance.now() - started;
      const audit = await prisma.auditLog.findFirstOrThrow({ where: { organizationId: org.id, action: "ask.question" }, orderBy: { createdAt: "desc" } });
      const meta = audit.metadata as { tools?: Array<{ ms: number; recordIds: string[] }> };
      return { first: first ?? total, total, tools: (meta.tools ?? []).reduce((s, t) => s + t.ms, 0), records: (meta.tools ?? []).reduce((s, t) => s + t.recordIds.length, 0) };
    };

    console.log(`\n${ITERATIONS} runs of each question after ${WARMUP} warm-up, one after another; ms from the question to the first streamed token, to the final answer, and inside the tools`);
    console.log("question".padEnd(52), "first p50".padStart(10), "first p95".padStart(10), "final p50".padStart(10), "final p95".padStart(10), "tools p95".padStart(10), "records".padStart(8));
    for (const question of QUESTIONS) {
      for (let i = 0; i < WARMUP; i++) await askOnce(question);
      const runs: Array<Awaited<ReturnType<typeof askOnce>>> = [];
      for (let i = 0; i < ITERATIONS; i++) runs.push(await askOnce(question));
      const sorted = (pick: (r: (typeof runs)[number]) => number) => runs.map(pick).sort((a, b) => a - b);
      const first = sorted((r) => r.first);
      const total = sorted((r) => r.total);
      const tools = sorted((r) => r.tools);
      console.log(
        question.padEnd(52),
        percentile(first, 50).toFixed(0).padStart(10),
        percentile(first, 95).toFixed(0).padStart(10),
        percentile(total, 50).toFixed(0).padStart(10),
        percentile(total, 95).toFixed(0).padStart(10),
        percentile(tools, 95).toFixed(0).padStart(10),
        String(runs[0]!.records).padStart(8),
        percentile(tools, 95) <= GOAL_TOOLS_P95_MS && percentile(total, 95) <= GOAL_TOTAL_P95_MS ? "  goals met" : "  goal MISSED",
      );
    }
    console.log(`\ngoals: tools p95 ≤ ${GOAL_TOOLS_P95_MS} ms, question to final answer p95 ≤ ${GOAL_TOTAL_P95_MS} ms (with a real model, add its own latency)`);
    console.log(`the stand-in served ${sandbox.requests.length} chat-completion requests`);
    await prisma.$disconnect();
  } finally {
    await sandbox.stop();
    if (process.env.BENCH_KEEP_DATABASE) console.log(`\nkept ${database.url}`);
    else await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
