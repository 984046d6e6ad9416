import "server-only";
import { canSeeClinic } from "@/lib/auth/context";
import type { OrgDb } from "@/lib/db";
import { NotFoundError, UserError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { InventoryActor } from "@/lib/inventory/movements";
import type { TItemFields } from "@/lib/inventory/schemas";

const DUPLICATE_SKU = new UserError("duplicate_sku", "This clinic already has an item with that SKU.", "sku");

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}

function itemData(fields: TItemFields) {
  const { cost, supplier, ...rest } = fields;
  return { ...rest, costCents: cost, supplier: supplier ?? null };
}

export async function createItem(actor: InventoryActor, input: TItemFields & { locationId: string }) {
  if (!canSeeClinic(actor, input.locationId)) throw new NotFoundError("That clinic was not found.");
  const clinic = await actor.db.location.findUnique({ where: { id: input.locationId }, select: { id: true } });
  if (!clinic) throw new NotFoundError("That clinic was not found.");
  try {
    const { locationId, ...fields } = input;
    return await actor.db.inventoryItem.create({ data: { organizationId: actor.db.organizationId, locationId, ...itemData(fields) }, select: { id: true } });
  } catch (err) {
    if (isUniqueViolation(err)) throw DUPLICATE_SKU;
    throw err;
  }
}

export async function updateItem(actor: InventoryActor, input: TItemFields & { itemId: string }) {
  const { itemId, ...fields } = input;
  const item = await actor.db.inventoryItem.findUnique({ where: { id: itemId }, select: { locationId: true } });
  if (!item || !canSeeClinic(actor, item.locationId)) throw new NotFoundError("That item was not found.");
  try {
    await actor.db.inventoryItem.update({ where: { id: itemId }, data: itemData(fields) });
    return { id: itemId };
  } catch (err) {
    if (isUniqueViolation(err)) throw DUPLICATE_SKU;
    throw err;
  }
}

/** A clinic's supplies for the phone page, alphabetical, with today's appointments to link usage to. */
export async function findClinicSupplies(db: OrgDb, locationId: string) {
  return db.inventoryItem.findMany({
    where: { locationId },
    orderBy: [{ category: "asc" }, { name: "asc" }],
    select: { id: true, sku: true, name: true, category: true, unit: true, onHand: true, reorderPoint: true, parLevel: true },
  });
}

export async function findItemDetail(db: OrgDb, clinicIds: string[] | null, itemId: string) {
  const item = await db.inventoryItem.findUnique({
    where: { id: itemId },
    include: {
      location: { select: { id: true, name: true, timezone: true } },
      lots: { where: { onHand: { gt: 0 } }, orderBy: [{ expiresOn: { sort: "asc", nulls: "last" } }, { receivedAt: "asc" }] },
    },
  });
  if (!item || !canSeeClinic({ clinicIds }, item.locationId)) return null;
  return item;
}

/** The newest ledger rows of an item, with who logged them and the linked appointment. */
export async function findItemTransactions(db: OrgDb, itemId: string, take = 50) {
  return db.inventoryTransaction.findMany({
    where: { itemId },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      kind: true,
      quantity: true,
      onHandAfter: true,
      reason: true,
      createdAt: true,
      lot: { select: { lotNumber: true } },
      actor: { select: { name: true } },
      appointment: { select: { title: true, startTime: true } },
    },
  });
}
