import "server-only";
import type { UIMessage } from "ai";
import type { OrgContext } from "@/lib/auth/context";
import { systemDb } from "@/lib/db/system";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Messages of a conversation sent back to the model with a new question. */
export const HISTORY_LIMIT = 20;
export const CONVERSATIONS_LISTED = 50;

type Ctx = Pick<OrgContext, "db" | "user">;

/** A member's conversations, newest first. Only the member's own: nobody else's are listed or opened. */
export function listConversations(ctx: Ctx) {
  return ctx.db.askConversation.findMany({
    where: { userId: ctx.user.id },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: CONVERSATIONS_LISTED,
    select: { id: true, title: true, updatedAt: true },
  });
}

export async function findConversation(ctx: Ctx, conversationId: string) {
  return ctx.db.askConversation.findFirst({ where: { id: conversationId, userId: ctx.user.id }, select: { id: true, title: true } });
}

/** The last `limit` messages of the member's conversation, oldest first, as the chat renders them. */
export async function conversationMessages<M extends UIMessage = UIMessage>(ctx: Ctx, conversationId: string, limit = 200): Promise<M[]> {
  const rows = await ctx.db.askMessage.findMany({
    where: { conversationId, conversation: { userId: ctx.user.id } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, role: true, parts: true },
  });
  return rows.reverse().map((r) => ({ id: r.id, role: r.role as M["role"], parts: r.parts as unknown as M["parts"] }) as M);
}

export async function createConversation(ctx: Ctx, title: string) {
  return ctx.db.askConversation.create({
    data: { organizationId: ctx.db.organizationId, userId: ctx.user.id, title: title.slice(0, 120) },
    select: { id: true },
  });
}

export async function appendMessage(ctx: Ctx, conversationId: string, message: { id: string; role: string; parts: unknown }) {
  await ctx.db.transaction(async (tx) => {
    await tx.askMessage.create({
      data: { id: message.id, organizationId: ctx.db.organizationId, conversationId, role: message.role, parts: message.parts as Prisma.InputJsonValue },
    });
    await tx.askConversation.update({ where: { id: conversationId }, data: { updatedAt: new Date() } });
  });
}

/** Deletes one of the member's conversations with its messages; false when there is none of theirs by that id. */
export async function deleteConversation(ctx: Ctx, conversationId: string): Promise<boolean> {
  const { count } = await ctx.db.askConversation.deleteMany({ where: { id: conversationId, userId: ctx.user.id } });
  return count > 0;
}

// --- the monthly token budget -----------------------------------------------------------

export function monthKey(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** First instant of the next calendar month (UTC), when the budget starts again. */
export function nextMonthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

export async function budgetStatus(ctx: Pick<OrgContext, "db">, now = new Date()) {
  const [organization, usage] = await Promise.all([
    // The Organization row is the tenant itself, read by the id the context resolved.
    systemDb("orgs.directory").organization.findUniqueOrThrow({ where: { id: ctx.db.organizationId }, select: { askMonthlyTokenBudget: true } }),
    ctx.db.askUsage.findUnique({ where: { organizationId_month: { organizationId: ctx.db.organizationId, month: monthKey(now) } } }),
  ]);
  const used = (usage?.inputTokens ?? 0) + (usage?.outputTokens ?? 0);
  return { budget: organization.askMonthlyTokenBudget, used, questions: usage?.questions ?? 0, resetsAt: nextMonthStart(now), exhausted: used >= organization.askMonthlyTokenBudget };
}

/** Adds one question's tokens to the month, in one statement (concurrent questions add up). */
export async function addUsage(ctx: Pick<OrgContext, "db">, tokens: { inputTokens: number; outputTokens: number }, now = new Date()) {
  const organizationId = ctx.db.organizationId;
  const month = monthKey(now);
  await ctx.db.askUsage.upsert({
    where: { organizationId_month: { organizationId, month } },
    create: { organizationId, month, inputTokens: tokens.inputTokens, outputTokens: tokens.outputTokens, questions: 1 },
    update: { inputTokens: { increment: tokens.inputTokens }, outputTokens: { increment: tokens.outputTokens }, questions: { increment: 1 } },
  });
}
