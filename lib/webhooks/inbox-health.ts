import "server-only";
import type { OrgDb } from "@/lib/db";
import { inboxErrorReference } from "@/lib/webhooks/inbox-reference";

export interface ClinicInboxHealth {
  /** Accepted, not yet applied (including those backing off after a failure). */
  waiting: number;
  /** Given up on after the last attempt. */
  dead: number;
  oldestWaitingAt: Date | null;
  /** The most recent dead-lettered event: what it was, when, and the reference its failure was logged under. */
  lastDead: { type: string; reference: string | null; at: Date | null } | null;
}

/** What sync health shows per clinic: events waiting, dead-lettered, and the oldest waiting. */
export async function inboxHealth(db: OrgDb): Promise<Map<string, ClinicInboxHealth>> {
  const [groups, oldest, lastDead] = await Promise.all([
    db.webhookInbox.groupBy({ by: ["locationId", "status"], where: { status: { in: ["pending", "reread", "dead"] } }, _count: { _all: true } }),
    db.webhookInbox.groupBy({ by: ["locationId"], where: { status: { in: ["pending", "reread"] } }, _min: { receivedAt: true } }),
    db.webhookInbox.findMany({
      where: { status: "dead" },
      distinct: ["locationId"],
      orderBy: [{ locationId: "asc" }, { processedAt: "desc" }],
      select: { locationId: true, type: true, lastError: true, processedAt: true },
    }),
  ]);
  const byClinic = new Map<string, ClinicInboxHealth>();
  const entry = (locationId: string) => {
    let e = byClinic.get(locationId);
    if (!e) byClinic.set(locationId, (e = { waiting: 0, dead: 0, oldestWaitingAt: null, lastDead: null }));
    return e;
  };
  for (const g of groups) {
    if (g.status === "dead") entry(g.locationId).dead += g._count._all;
    else entry(g.locationId).waiting += g._count._all;
  }
  for (const o of oldest) entry(o.locationId).oldestWaitingAt = o._min.receivedAt;
  for (const d of lastDead) entry(d.locationId).lastDead = { type: d.type, reference: inboxErrorReference(d.lastError), at: d.processedAt };
  return byClinic;
}
