import "server-only";
import { z } from "zod";
import type { OrgContext } from "@/lib/auth/context";
import { systemDb } from "@/lib/db/system";

export const MAX_MONTHLY_TOKENS = 100_000_000;

export const ZAskBudgetInput = z.object({
  monthlyTokens: z.coerce
    .number({ error: "Enter a number of tokens" })
    .int("Whole tokens")
    .min(0, "Cannot be negative (0 switches Ask Sidecar off)")
    .max(MAX_MONTHLY_TOKENS, `At most ${MAX_MONTHLY_TOKENS.toLocaleString("en-US")} tokens a month`),
});

/** Organization is the tenant itself, not a tenant row: it is updated by the id the context resolved. */
export async function updateAskBudget(ctx: Pick<OrgContext, "organization">, input: z.output<typeof ZAskBudgetInput>) {
  const before = await systemDb("orgs.directory").organization.findUniqueOrThrow({ where: { id: ctx.organization.id }, select: { askMonthlyTokenBudget: true } });
  await systemDb("orgs.directory").organization.update({ where: { id: ctx.organization.id }, data: { askMonthlyTokenBudget: input.monthlyTokens } });
  return { from: before.askMonthlyTokenBudget, to: input.monthlyTokens };
}
