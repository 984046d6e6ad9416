import "server-only";
import { randomUUID } from "node:crypto";
import type { OrgContext } from "@/lib/auth/context";
import { canSeeClinic } from "@/lib/auth/context";
import type { OrgTransaction } from "@/lib/db";
import { NotFoundError, UserError } from "@/lib/errors";
import { depositStock, lockItemsInIdOrder, lotForFoundStock, withdrawStock, type StockItem } from "@/lib/inventory/stock";

/**
 * Usage, deliveries, corrections, counts and transfers: each one transaction that checks the
 * member may touch the clinic, then changes stock through lib/inventory/stock.ts.
 */

export type InventoryActor = Pick<OrgContext, "db" | "clinicIds"> & { user: { id: string } };

const ITEM_SELECT = { id: true, organizationId: true, locationId: true, name: true, unit: true, sku: true, onHand: true } as const;

/** The item, when it exists in this agency and the member may see its clinic; else not found. */
async function findVisibleItem(tx: OrgTransaction, actor: InventoryActor, itemId: string) {
  const item = await tx.inventoryItem.findUnique({ where: { id: itemId }, select: ITEM_SELECT });
  if (!item || !canSeeClinic(actor, item.locationId)) throw new NotFoundError("That item was not found.");
  return item;
}

export async function logUsage(actor: InventoryActor, input: { itemId: string; quantity: number; appointmentId?: string }) {
  return actor.db.transaction(async (tx) => {
    const item = await findVisibleItem(tx, actor, input.itemId);
    if (input.appointmentId) {
      const appointment = await tx.appointment.findFirst({ where: { id: input.appointmentId, locationId: item.locationId }, select: { id: true } });
      if (!appointment) throw new UserError("invalid_appointment", "That appointment is not at this clinic.", "appointmentId");
    }
    const change = await withdrawStock(tx, item, input.quantity, {
      kind: "usage",
      actorUserId: actor.user.id,
      appointmentId: input.appointmentId,
    });
    return { itemId: item.id, name: item.name, unit: item.unit, quantity: input.quantity, onHand: change.onHand };
  });
}

/**
 * Every supply of one visit (its service's bill of supplies, as the desk confirmed it) in one
 * transaction: the items are locked in id order, and one line short of stock logs nothing.
 */
export async function logVisitUsage(actor: InventoryActor, input: { appointmentId: string; lines: Array<{ itemId: string; quantity: number }> }) {
  const ids = input.lines.map((line) => line.itemId);
  if (new Set(ids).size !== ids.length) throw new UserError("duplicate_item", "Each supply can appear once per visit.", "lines");
  return actor.db.transaction(
    async (tx) => {
      const appointment = await tx.appointment.findFirst({ where: { id: input.appointmentId, deletedAt: null }, select: { id: true, locationId: true } });
      if (!appointment || !canSeeClinic(actor, appointment.locationId)) throw new NotFoundError("That appointment was not found.");
      const items = await tx.inventoryItem.findMany({ where: { id: { in: ids }, locationId: appointment.locationId }, select: ITEM_SELECT });
      if (items.length !== ids.length) throw new NotFoundError("A supply of this visit was not found at its clinic.");
      const byId = new Map(items.map((item) => [item.id, item]));
      await lockItemsInIdOrder(tx, actor.db.organizationId, ids);
      const meta = { kind: "usage" as const, actorUserId: actor.user.id, appointmentId: appointment.id };
      for (const line of input.lines) await withdrawStock(tx, byId.get(line.itemId)!, line.quantity, meta);
      return { appointmentId: appointment.id, lines: input.lines.length, units: input.lines.reduce((sum, line) => sum + line.quantity, 0) };
    },
    { timeout: 30_000 },
  );
}

export async function receiveDelivery(
  actor: InventoryActor,
  input: { itemId: string; quantity: number; lotNumber: string; expiresOn?: Date },
) {
  return actor.db.transaction(async (tx) => {
    const item = await findVisibleItem(tx, actor, input.itemId);
    const change = await depositStock(tx, item, input.quantity, input, { kind: "receipt", actorUserId: actor.user.id });
    return { itemId: item.id, name: item.name, unit: item.unit, quantity: input.quantity, onHand: change.onHand };
  });
}

/** A correction with a reason (breakage, found stock): positive adds, negative removes. */
export async function adjustStock(actor: InventoryActor, input: { itemId: string; change: number; reason: string }) {
  return actor.db.transaction(async (tx) => {
    const item = await findVisibleItem(tx, actor, input.itemId);
    const meta = { kind: "adjustment" as const, actorUserId: actor.user.id, reason: input.reason };
    const change =
      input.change < 0
        ? await withdrawStock(tx, item, -input.change, meta)
        : await depositStock(tx, item, input.change, await lotForFoundStock(tx, item.id), meta);
    return { itemId: item.id, onHand: change.onHand };
  });
}

/**
 * A stock count: each counted quantity becomes an adjustment by the difference from what is
 * on hand at that moment (under the item's lock, so usage logged during the count is not lost).
 * All rows or none.
 */
export async function countStock(
  actor: InventoryActor,
  input: { locationId: string; counts: Array<{ itemId: string; counted: number }>; reason?: string },
) {
  if (!canSeeClinic(actor, input.locationId)) throw new NotFoundError("That clinic was not found.");
  const ids = input.counts.map((c) => c.itemId);
  if (new Set(ids).size !== ids.length) throw new UserError("duplicate_item", "Each item can be counted once per count.", "counts");
  return actor.db.transaction(
    async (tx) => {
      const items = await tx.inventoryItem.findMany({ where: { id: { in: ids }, locationId: input.locationId }, select: ITEM_SELECT });
      if (items.length !== ids.length) throw new NotFoundError("An item of this count was not found at this clinic.");
      const byId = new Map(items.map((item) => [item.id, item]));
      const meta = { kind: "adjustment" as const, actorUserId: actor.user.id, reason: input.reason ?? "Stock count" };
      let adjusted = 0;
      const onHandNow = await lockItemsInIdOrder(tx, actor.db.organizationId, ids);
      for (const { itemId, counted } of input.counts) {
        const item = byId.get(itemId)!;
        const difference = counted - onHandNow.get(itemId)!;
        if (difference < 0) await withdrawStock(tx, item, -difference, meta);
        if (difference > 0) await depositStock(tx, item, difference, await lotForFoundStock(tx, itemId), meta);
        if (difference !== 0) adjusted += 1;
      }
      return { counted: input.counts.length, adjusted };
    },
    { timeout: 30_000 },
  );
}

/**
 * Moves stock to another clinic of the same agency. The destination gets the same lots (number
 * and expiry), so a recall still finds every unit; an item the destination lacks is created
 * from the source's details.
 */
export async function transferStock(actor: InventoryActor, input: { itemId: string; toLocationId: string; quantity: number }) {
  return actor.db.transaction(async (tx) => {
    const source = await findVisibleItem(tx, actor, input.itemId);
    if (source.locationId === input.toLocationId) {
      throw new UserError("same_clinic", "Choose a different clinic to transfer to.", "toLocationId");
    }
    const destinationClinic = canSeeClinic(actor, input.toLocationId)
      ? await tx.location.findUnique({ where: { id: input.toLocationId }, select: { id: true, name: true } })
      : null;
    if (!destinationClinic) throw new UserError("not_found", "That clinic was not found.", "toLocationId");
    const destination = await findOrCreateCounterpart(tx, source.id, input.toLocationId);
    await lockItemsInIdOrder(tx, actor.db.organizationId, [source.id, destination.id]);
    const transferId = randomUUID();
    const out = await withdrawStock(tx, source, input.quantity, { kind: "transfer_out", actorUserId: actor.user.id, transferId });
    for (const portion of out.portions) {
      await depositStock(tx, destination, portion.quantity, portion, { kind: "transfer_in", actorUserId: actor.user.id, transferId });
    }
    return { transferId, onHand: out.onHand, toClinic: destinationClinic.name };
  });
}

async function findOrCreateCounterpart(tx: OrgTransaction, sourceId: string, locationId: string): Promise<StockItem> {
  const source = await tx.inventoryItem.findUniqueOrThrow({ where: { id: sourceId } });
  const existing = await tx.inventoryItem.findUnique({ where: { locationId_sku: { locationId, sku: source.sku } }, select: ITEM_SELECT });
  if (existing) return existing;
  const { organizationId, name, sku, category, unit, costCents, supplier, reorderPoint, parLevel } = source;
  return tx.inventoryItem.create({
    data: { organizationId, locationId, name, sku, category, unit, costCents, supplier, reorderPoint, parLevel },
    select: ITEM_SELECT,
  });
}
