import "server-only";
import { allows, canSeeClinic, type OrgContext } from "@/lib/auth/context";
import { seesAllClinics } from "@/lib/auth/permissions";
import type { OrgTransaction } from "@/lib/db";
import { ForbiddenError, NotFoundError, UserError } from "@/lib/errors";
import { withdrawStock } from "@/lib/inventory/stock";
import { MAX_SNOOZE_DAYS } from "@/lib/ops/schemas";

/**
 * What a person does to a finding: assign, snooze, resolve with a note, quarantine the lot it
 * names. Each is one transaction that checks the member may see the finding's clinic, changes
 * the finding and writes its history; the action wrapper writes the audit entry.
 */

type Ctx = Pick<OrgContext, "db" | "clinicIds" | "role"> & { user: { id: string } };

async function visibleFinding(tx: OrgTransaction, ctx: Ctx, findingId: string) {
  const finding = await tx.finding.findUnique({ where: { id: findingId } });
  if (!finding || !canSeeClinic(ctx, finding.locationId)) throw new NotFoundError("That finding was not found.");
  return finding;
}

function event(ctx: Ctx, finding: { id: string; locationId: string; organizationId: string }, type: string, extra: { note?: string; episodeOpenedAt?: Date } = {}) {
  return { organizationId: finding.organizationId, findingId: finding.id, locationId: finding.locationId, type, actorUserId: ctx.user.id, note: extra.note ?? null, episodeOpenedAt: extra.episodeOpenedAt ?? null };
}

export async function assignFinding(ctx: Ctx, input: { findingId: string; assigneeUserId: string | null }) {
  return ctx.db.transaction(async (tx) => {
    const finding = await visibleFinding(tx, ctx, input.findingId);
    let note: string | undefined;
    if (input.assigneeUserId) {
      const member = await tx.member.findFirst({ where: { userId: input.assigneeUserId }, select: { role: true, user: { select: { name: true } }, clinics: { select: { locationId: true } } } });
      const sees = member && (seesAllClinics(member.role) || member.clinics.some((c) => c.locationId === finding.locationId));
      if (!member || !sees || member.role === "platform_admin") {
        throw new UserError("invalid_assignee", "Choose a member of the agency who can see this clinic.", "assigneeUserId");
      }
      note = `assigned to ${member.user.name}`;
    }
    await tx.finding.update({ where: { id: finding.id }, data: { assigneeUserId: input.assigneeUserId } });
    await tx.findingEvent.create({ data: event(ctx, finding, input.assigneeUserId ? "assigned" : "unassigned", { note }) });
    return { findingId: finding.id, assigneeUserId: input.assigneeUserId };
  });
}

export async function snoozeFinding(ctx: Ctx, input: { findingId: string; until: Date }, now = new Date()) {
  if (input.until.getTime() <= now.getTime()) throw new UserError("invalid_input", "Choose a time in the future.", "until");
  if (input.until.getTime() > now.getTime() + MAX_SNOOZE_DAYS * 86_400_000) {
    throw new UserError("invalid_input", `Snooze for at most ${MAX_SNOOZE_DAYS} days; resolve it if it needs nothing more.`, "until");
  }
  return ctx.db.transaction(async (tx) => {
    const finding = await visibleFinding(tx, ctx, input.findingId);
    if (finding.status === "resolved") throw new UserError("already_resolved", "That finding is already resolved.");
    await tx.finding.update({ where: { id: finding.id }, data: { status: "snoozed", snoozedUntil: input.until } });
    await tx.findingEvent.create({ data: event(ctx, finding, "snoozed", { note: `until ${input.until.toISOString()}` }) });
    return { findingId: finding.id, until: input.until };
  });
}

async function resolveIn(tx: OrgTransaction, ctx: Ctx, finding: { id: string; locationId: string; organizationId: string; openedAt: Date }, note: string, now: Date) {
  await tx.finding.update({
    where: { id: finding.id },
    data: { status: "resolved", resolvedAt: now, resolvedByUserId: ctx.user.id, resolutionNote: note, autoResolved: false, snoozedUntil: null, missedRuns: 0 },
  });
  await tx.findingEvent.create({ data: { ...event(ctx, finding, "resolved", { note, episodeOpenedAt: finding.openedAt }), createdAt: now } });
}

export async function resolveFinding(ctx: Ctx, input: { findingId: string; note: string }, now = new Date()) {
  return ctx.db.transaction(async (tx) => {
    const finding = await visibleFinding(tx, ctx, input.findingId);
    if (finding.status === "resolved") throw new UserError("already_resolved", "That finding is already resolved.");
    await resolveIn(tx, ctx, finding, input.note, now);
    return { findingId: finding.id };
  });
}

const QUARANTINE_KINDS = new Set(["inventory.lot_recalled", "inventory.lot_expiring"]);

/** Takes the finding's whole lot out of stock (an adjustment with the reason) and resolves the finding, together. */
export async function quarantineLot(ctx: Ctx, input: { findingId: string }, now = new Date()) {
  if (!allows(ctx, "inventory.use")) throw new ForbiddenError();
  return ctx.db.transaction(async (tx) => {
    const finding = await visibleFinding(tx, ctx, input.findingId);
    if (!QUARANTINE_KINDS.has(finding.kind)) throw new UserError("not_a_lot", "Only a recalled or expired lot can be quarantined from the queue.");
    if (finding.status === "resolved") throw new UserError("already_resolved", "That finding is already resolved.");
    const lot = await tx.inventoryLot.findUnique({
      where: { id: finding.subjectKey },
      select: { id: true, lotNumber: true, onHand: true, item: { select: { id: true, organizationId: true, locationId: true, name: true, unit: true } } },
    });
    if (!lot || lot.item.locationId !== finding.locationId) throw new NotFoundError("That lot was not found.");
    const why = finding.kind === "inventory.lot_recalled" ? "recalled lot" : "expired lot";
    let quantity = 0;
    if (lot.onHand > 0) {
      quantity = lot.onHand;
      await withdrawStock(tx, lot.item, quantity, { kind: "adjustment", actorUserId: ctx.user.id, reason: `Quarantined: ${why} ${lot.lotNumber || "(no lot number)"}` }, lot.id);
    }
    const note = `Quarantined ${quantity} ${lot.item.unit} of lot ${lot.lotNumber || "(no lot number)"} (${why}).`;
    await resolveIn(tx, ctx, finding, note, now);
    return { findingId: finding.id, lotId: lot.id, quantity };
  });
}
