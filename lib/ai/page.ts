import "server-only";
import type { AskMessage } from "@/lib/ai/ask";
import { budgetStatus, conversationMessages, findConversation, listConversations } from "@/lib/ai/conversations";
import { resolveModel } from "@/lib/ai/model";
import type { OrgContext } from "@/lib/auth/context";

export interface AskPageData {
  configured: boolean;
  conversations: Array<{ id: string; title: string; updatedAt: string }>;
  selectedId: string | null;
  messages: AskMessage[];
  budget: { used: number; budget: number };
}

/** What the Ask page shows: whether a model is switched on, the member's conversations, the open one, the month's budget. */
export async function loadAskPage(ctx: OrgContext, requestedId: string | null): Promise<AskPageData> {
  if (!resolveModel().configured) return { configured: false, conversations: [], selectedId: null, messages: [], budget: { used: 0, budget: 0 } };
  const requested = requestedId && requestedId.length <= 64 ? await findConversation(ctx, requestedId) : null;
  const [conversations, messages, budget] = await Promise.all([
    listConversations(ctx),
    requested ? conversationMessages<AskMessage>(ctx, requested.id) : Promise.resolve([]),
    budgetStatus(ctx),
  ]);
  return {
    configured: true,
    conversations: conversations.map((c) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt.toISOString() })),
    selectedId: requested?.id ?? null,
    messages,
    budget: { used: budget.used, budget: budget.budget },
  };
}
