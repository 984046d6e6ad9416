import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { startOpenAiSandbox, type OpenAiSandbox } from "../../sandboxes/openai";
import type { SeededAgency } from "../../support/tenants";
import type { CrossTenantFeature, RouteCase, World } from "./types";

/**
 * Ask Sidecar: each agency's owner has a conversation. The question route runs the real OpenAI
 * provider against the local stand-in, so a question of A's goes through the tools for real and
 * its streamed answer is checked for B's data like any response.
 */
let sandbox: OpenAiSandbox | null = null;
const saved = { OPENAI_API_KEY: env.OPENAI_API_KEY, OPENAI_BASE_URL: env.OPENAI_BASE_URL, AI_GATEWAY_API_KEY: env.AI_GATEWAY_API_KEY };

async function seedAsk(agency: SeededAgency) {
  if (!sandbox) {
    sandbox = await startOpenAiSandbox();
    Object.assign(env, { OPENAI_API_KEY: "sk-sandbox", OPENAI_BASE_URL: sandbox.baseURL, AI_GATEWAY_API_KEY: undefined });
  }
  const organizationId = agency.organization.id;
  const conversation = await prisma.askConversation.create({
    data: { organizationId, userId: agency.owner.user.id, title: `Secret question of ${agency.organization.slug}` },
  });
  await prisma.askMessage.create({
    data: { id: `msg-${conversation.id}`, organizationId, conversationId: conversation.id, role: "user", parts: [{ type: "text", text: `Secret question of ${agency.organization.slug}` }] },
  });
  return { askConversationId: conversation.id, askTitle: conversation.title };
}

const ask = (w: World, slug: string, body: Record<string, unknown>) => () =>
  new Request(`http://localhost:3000/api/agency/${slug}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const D = "actions/ask/";

export const askSidecar: CrossTenantFeature = {
  seed: seedAsk,
  secrets: (_agency, extra) => [extra.askConversationId as string, extra.askTitle as string],
  snapshot: async (organizationId) => ({
    conversations: await prisma.askConversation.findMany({ where: { organizationId }, orderBy: { id: "asc" }, include: { messages: true } }),
    usage: await prisma.askUsage.findMany({ where: { organizationId } }),
    budget: (await prisma.organization.findUniqueOrThrow({ where: { id: organizationId } })).askMonthlyTokenBudget,
  }),
  actions: {
    [`${D}delete-conversation.ts#deleteConversationAction`]: (w) => {
      const call = w.action(`${D}delete-conversation.ts#deleteConversationAction`);
      const bConversation = { conversationId: w.extra.B.askConversationId };
      return [
        { who: "ownerA", attempt: "delete B's conversation via B's slug", call: () => call(w.B.organization.slug, bConversation) },
        { who: "ownerA", attempt: "delete B's conversation via A's slug", call: () => call(w.A.organization.slug, bConversation) },
        { who: "staffA", attempt: "delete another member's conversation", call: () => call(w.A.organization.slug, { conversationId: w.extra.A.askConversationId }) },
        { who: "outsider", attempt: "a stranger", call: () => call(w.A.organization.slug, { conversationId: w.extra.A.askConversationId }), refusals: ["not_found", "unauthenticated"] },
      ];
    },
    [`${D}update-budget.ts#updateAskBudgetAction`]: (w) => {
      const call = w.action(`${D}update-budget.ts#updateAskBudgetAction`);
      return [
        { who: "ownerA", attempt: "set B's budget via B's slug", call: () => call(w.B.organization.slug, { monthlyTokens: 1 }) },
        { who: "adminA", attempt: "an admin sets the budget", call: () => call(w.A.organization.slug, { monthlyTokens: 1 }), refusals: ["forbidden"] },
        { who: "staffA", attempt: "clinic staff set the budget", call: () => call(w.A.organization.slug, { monthlyTokens: 1 }), refusals: ["forbidden"] },
        { who: "outsider", attempt: "a stranger", call: () => call(w.A.organization.slug, { monthlyTokens: 1 }), refusals: ["not_found", "unauthenticated"] },
        { who: "ownerA", attempt: "set A's own budget", call: () => call(w.A.organization.slug, { monthlyTokens: 500_000 }), refusals: ["ok"] },
      ];
    },
  },
  routes: {
    "app/api/agency/[slug]/ask/route.ts": (w): RouteCase[] => {
      const as = (slug: string) => ({ slug });
      return [
        { who: "ownerA", attempt: "ask in B via B's slug", request: ask(w, w.B.organization.slug, { text: "How many no-shows last month?" }), params: as(w.B.organization.slug), statuses: [404] },
        { who: "ownerA", attempt: "continue B's conversation via A's slug", request: ask(w, w.A.organization.slug, { conversationId: w.extra.B.askConversationId, text: "And then?" }), params: as(w.A.organization.slug), statuses: [404] },
        { who: "staffA", attempt: "continue the owner's conversation", request: ask(w, w.A.organization.slug, { conversationId: w.extra.A.askConversationId, text: "And then?" }), params: as(w.A.organization.slug), statuses: [404] },
        // Answered, through the tools, from A's data the member may see; never B's (checked by the secrets).
        { who: "staffA", attempt: "clinic staff ask about every clinic", request: ask(w, w.A.organization.slug, { text: "Which upcoming appointments need attention?" }), params: as(w.A.organization.slug), statuses: [200] },
        { who: "ownerA", attempt: "the owner asks about supplies", request: ask(w, w.A.organization.slug, { text: "What will we run out of before Friday?" }), params: as(w.A.organization.slug), statuses: [200] },
        { who: "outsider", attempt: "a stranger asks", request: ask(w, w.A.organization.slug, { text: "Anything?" }), params: as(w.A.organization.slug), statuses: [401, 404] },
      ];
    },
  },
  async teardown() {
    await sandbox?.stop();
    sandbox = null;
    Object.assign(env, saved);
  },
};
