import "server-only";
import type { OrgTransaction } from "@/lib/db";
import type { InventoryTransactionKind } from "@/lib/generated/prisma/enums";
import { NotFoundError, UserError } from "@/lib/errors";
import { formatQuantity } from "@/lib/inventory/units";

/**
 * The only code that changes stock. Every change updates the item's on-hand, its lots' on-hand
 * and writes the ledger rows in the caller's transaction, so the three never disagree.
 *
 * Races: the first statement of every change is a conditional UPDATE of the item row
 * (`... WHERE onHand >= quantity` for withdrawals). Postgres holds that row lock until commit
 * and re-checks the condition against the newest row version when it had to wait, so two
 * devices logging usage at once are serialized: neither update is lost and stock cannot go
 * below zero. Lot rows are only touched after the item lock is held. A CHECK constraint in the
 * migration is the last line of defence.
 */

export class InsufficientStockError extends UserError {
  static override readonly kind: string = "InsufficientStockError";
  constructor(name: string, unit: string, onHand: number, wanted: number) {
    super("insufficient_stock", `Only ${formatQuantity(onHand, unit)} of ${name} in stock; cannot take ${wanted}.`, "quantity");
    this.name = "InsufficientStockError";
  }
}

export interface StockItem {
  id: string;
  organizationId: string;
  locationId: string;
  name: string;
  unit: string;
}

export interface MovementMeta {
  kind: InventoryTransactionKind;
  actorUserId: string | null;
  reason?: string | null;
  appointmentId?: string | null;
  transferId?: string | null;
  at?: Date;
}

export interface LotPortion {
  lotId: string;
  lotNumber: string;
  expiresOn: Date | null;
  quantity: number;
}

export interface StockChange {
  onHand: number;
  portions: LotPortion[];
}

/** Takes `quantity` off the item, first-expiring lot first (or only from `lotId`). */
export async function withdrawStock(
  tx: OrgTransaction,
  item: StockItem,
  quantity: number,
  meta: MovementMeta,
  lotId?: string,
): Promise<StockChange> {
  const [locked] = await tx.inventoryItem.updateManyAndReturn({
    where: { id: item.id, onHand: { gte: quantity } },
    data: { onHand: { decrement: quantity } },
    select: { onHand: true },
  });
  if (!locked) {
    const current = await tx.inventoryItem.findUnique({ where: { id: item.id }, select: { onHand: true } });
    if (!current) throw new NotFoundError();
    throw new InsufficientStockError(item.name, item.unit, current.onHand, quantity);
  }
  const portions = await takeFromLots(tx, item, quantity, lotId);
  await writeLedger(tx, item, locked.onHand, portions.map((p) => ({ ...p, quantity: -p.quantity })), meta);
  return { onHand: locked.onHand, portions };
}

async function takeFromLots(tx: OrgTransaction, item: StockItem, quantity: number, lotId?: string): Promise<LotPortion[]> {
  const lots = await tx.inventoryLot.findMany({
    where: { itemId: item.id, onHand: { gt: 0 }, ...(lotId ? { id: lotId } : {}) },
    orderBy: [{ expiresOn: { sort: "asc", nulls: "last" } }, { receivedAt: "asc" }],
    select: { id: true, lotNumber: true, expiresOn: true, onHand: true },
  });
  const portions: LotPortion[] = [];
  let left = quantity;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(lot.onHand, left);
    await tx.inventoryLot.update({ where: { id: lot.id }, data: { onHand: { decrement: take } } });
    portions.push({ lotId: lot.id, lotNumber: lot.lotNumber, expiresOn: lot.expiresOn, quantity: take });
    left -= take;
  }
  if (left > 0) {
    if (lotId) {
      const held = lots[0]?.onHand ?? 0;
      throw new UserError("insufficient_stock", `That lot holds only ${formatQuantity(held, item.unit)}; cannot take ${quantity}.`, "quantity");
    }
    // The item said the stock was there but its lots disagree: a bug, never the user's fault.
    throw new Error(`lots of item ${item.id} hold less than its on-hand`);
  }
  return portions;
}

/** Adds `quantity` to the item in one lot, creating the lot the first time its number is seen. */
export async function depositStock(
  tx: OrgTransaction,
  item: StockItem,
  quantity: number,
  lot: { lotNumber: string; expiresOn?: Date | null },
  meta: MovementMeta,
): Promise<StockChange> {
  const locked = await tx.inventoryItem.update({
    where: { id: item.id },
    data: { onHand: { increment: quantity } },
    select: { onHand: true },
  });
  const stored = await tx.inventoryLot.upsert({
    where: { itemId_lotNumber: { itemId: item.id, lotNumber: lot.lotNumber } },
    create: { organizationId: item.organizationId, itemId: item.id, lotNumber: lot.lotNumber, expiresOn: lot.expiresOn ?? null, onHand: quantity, receivedAt: meta.at },
    // A later delivery of a known lot keeps the expiry already recorded unless it had none.
    update: { onHand: { increment: quantity }, ...(lot.expiresOn ? { expiresOn: lot.expiresOn } : {}) },
    select: { id: true, lotNumber: true, expiresOn: true },
  });
  const portion = { lotId: stored.id, lotNumber: stored.lotNumber, expiresOn: stored.expiresOn, quantity };
  await writeLedger(tx, item, locked.onHand, [portion], meta);
  return { onHand: locked.onHand, portions: [portion] };
}

/**
 * Locks item rows for a change that holds several at once (a count, a transfer, an import),
 * always in the database's id order: two such changes may wait for each other but never
 * deadlock. Returns each locked item's on-hand as of the lock.
 */
export async function lockItemsInIdOrder(tx: OrgTransaction, organizationId: string, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.$queryRaw<Array<{ id: string; onHand: number }>>`
    SELECT "id", "onHand" FROM "InventoryItem"
    WHERE "organizationId" = ${organizationId} AND "id" = ANY(${ids}::text[])
    ORDER BY "id" FOR UPDATE`;
  return new Map(rows.map((row) => [row.id, row.onHand]));
}

/** Where units found by a count go: the newest lot, or the no-lot bucket when there is none. */
export async function lotForFoundStock(tx: OrgTransaction, itemId: string): Promise<{ lotNumber: string }> {
  const newest = await tx.inventoryLot.findFirst({ where: { itemId }, orderBy: { receivedAt: "desc" }, select: { lotNumber: true } });
  return { lotNumber: newest?.lotNumber ?? "" };
}

/** One ledger row per lot touched; onHandAfter walks back from the item's final on-hand. */
async function writeLedger(tx: OrgTransaction, item: StockItem, finalOnHand: number, portions: LotPortion[], meta: MovementMeta) {
  let after = finalOnHand - portions.reduce((sum, p) => sum + p.quantity, 0);
  const rows = portions.map((portion) => {
    after += portion.quantity;
    return {
      organizationId: item.organizationId,
      locationId: item.locationId,
      itemId: item.id,
      lotId: portion.lotId,
      kind: meta.kind,
      quantity: portion.quantity,
      onHandAfter: after,
      reason: meta.reason ?? null,
      appointmentId: meta.appointmentId ?? null,
      actorUserId: meta.actorUserId,
      transferId: meta.transferId ?? null,
      ...(meta.at ? { createdAt: meta.at } : {}),
    };
  });
  await tx.inventoryTransaction.createMany({ data: rows });
}
