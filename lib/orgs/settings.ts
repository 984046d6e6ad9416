import "server-only";
import { z } from "zod";
import { systemDb } from "@/lib/db/system";
import type { OrgContext } from "@/lib/auth/context";

export const IDLE_TIMEOUT_CHOICES = [15, 30] as const;

export const ZSecuritySettingsInput = z.object({
  idleTimeoutMinutes: z.coerce
    .number()
    .refine((n): n is (typeof IDLE_TIMEOUT_CHOICES)[number] => (IDLE_TIMEOUT_CHOICES as readonly number[]).includes(n), "Choose 15 or 30 minutes"),
});

/** Organization is the tenant itself, not a tenant row: it is updated by the id the context resolved. */
export async function updateSecuritySettings(ctx: Pick<OrgContext, "organization">, input: z.output<typeof ZSecuritySettingsInput>) {
  const before = await systemDb("orgs.directory").organization.findUniqueOrThrow({ where: { id: ctx.organization.id }, select: { idleTimeoutMinutes: true } });
  await systemDb("orgs.directory").organization.update({ where: { id: ctx.organization.id }, data: { idleTimeoutMinutes: input.idleTimeoutMinutes } });
  return { from: before.idleTimeoutMinutes, to: input.idleTimeoutMinutes };
}
