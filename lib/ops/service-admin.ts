import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { NotFoundError, UserError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { z } from "zod";
import type { ZRecallInput, ZServiceInput } from "@/lib/ops/schemas";

type Ctx = Pick<OrgContext, "db"> & { user: { id: string } };

export async function listServices(ctx: Pick<OrgContext, "db">) {
  return ctx.db.service.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, match: true, priceCents: true, supplies: { orderBy: { sku: "asc" }, select: { sku: true, quantity: true } } },
  });
}

/** Creates or replaces a service and its whole bill of supplies, in one transaction. */
export async function saveService(ctx: Ctx, input: z.output<typeof ZServiceInput>) {
  const data = { name: input.name, match: input.match, priceCents: input.priceDollars === undefined ? null : Math.round(input.priceDollars * 100) };
  const supplies = input.supplies.map((l) => ({ sku: l.sku.toUpperCase(), quantity: l.quantity }));
  try {
    return await ctx.db.transaction(async (tx) => {
      let id = input.serviceId;
      if (id) {
        const existing = await tx.service.findUnique({ where: { id }, select: { id: true } });
        if (!existing) throw new NotFoundError("That service was not found.");
        await tx.service.update({ where: { id }, data });
        await tx.serviceSupply.deleteMany({ where: { serviceId: id } });
      } else {
        id = (await tx.service.create({ data: { ...data, organizationId: ctx.db.organizationId }, select: { id: true } })).id;
      }
      if (supplies.length) await tx.serviceSupply.createMany({ data: supplies.map((l) => ({ ...l, serviceId: id!, organizationId: ctx.db.organizationId })) });
      return { serviceId: id, supplies: supplies.length };
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new UserError("duplicate", "A service with that name already exists.", "name");
    }
    throw err;
  }
}

export async function deleteService(ctx: Ctx, serviceId: string) {
  const { count } = await ctx.db.service.deleteMany({ where: { id: serviceId } });
  if (count === 0) throw new NotFoundError("That service was not found.");
  return { serviceId };
}

/** Records a manufacturer's recall of a lot number; the next detector run files every clinic still holding it. */
export async function recordRecall(ctx: Ctx, input: z.output<typeof ZRecallInput>) {
  const recall = await ctx.db.lotRecall.upsert({
    where: { organizationId_lotNumber: { organizationId: ctx.db.organizationId, lotNumber: input.lotNumber } },
    create: { organizationId: ctx.db.organizationId, lotNumber: input.lotNumber, reason: input.reason, createdByUserId: ctx.user.id },
    update: { reason: input.reason },
    select: { id: true, lotNumber: true },
  });
  return { recallId: recall.id, lotNumber: recall.lotNumber };
}
