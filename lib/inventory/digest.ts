import "server-only";
import { systemDb } from "@/lib/db/system";
import { forOrg, type OrgDb } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { sendMail } from "@/lib/mail/send";
import { inventoryDigestMail } from "@/lib/mail/templates";
import { findInventoryAlerts, type InventoryAlerts } from "@/lib/inventory/alerts";

const DIGEST_ROWS = 20;

/** Every agency; the cron has no tenant of its own and reads each one through its scoped client. */
async function unsafeListAgencies() {
  return systemDb("cron.fan-out").organization.findMany({ where: { type: "agency" }, select: { id: true, name: true, slug: true }, orderBy: { id: "asc" } });
}

/** The UTC calendar day of `now`: the digest's idempotency key with the organization. */
export function digestDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Mails each agency's owners and admins today's low-stock items and expiring lots, once per
 * recipient per day: a recipient's InventoryDigest row is claimed (insert, skip on conflict)
 * before their mail goes out, so an overlapping or repeated run sends nobody anything twice.
 * A failed send releases that recipient's claim, so the next run mails just them.
 */
export async function sendInventoryDigests(now: Date) {
  const summary = { agencies: 0, sent: 0, alreadySent: 0, nothingToReport: 0, failed: 0 };
  for (const agency of await unsafeListAgencies()) {
    summary.agencies += 1;
    try {
      const outcome = await sendDigest(forOrg(agency.id), agency, now);
      summary[outcome] += 1;
    } catch (err) {
      summary.failed += 1;
      log.error({ err, organizationId: agency.id }, "inventory digest failed");
    }
  }
  return summary;
}

type DigestOutcome = "sent" | "alreadySent" | "nothingToReport" | "failed";

async function sendDigest(db: OrgDb, agency: { name: string; slug: string }, now: Date): Promise<DigestOutcome> {
  const alerts = await findInventoryAlerts(db, { now, limit: DIGEST_ROWS });
  if (alerts.lowStockCount === 0 && alerts.expiringCount === 0) return "nothingToReport";
  const recipients = await db.member.findMany({
    where: { role: { in: ["agency_owner", "agency_admin"] } },
    select: { user: { select: { id: true, email: true } } },
    orderBy: { userId: "asc" },
  });
  if (recipients.length === 0) return "nothingToReport";
  const content = digestContent(agency, alerts);
  const day = digestDay(now);
  let sent = 0;
  let failed = 0;
  for (const { user } of recipients) {
    const { count } = await db.inventoryDigest.createMany({ data: [{ organizationId: db.organizationId, day, userId: user.id }], skipDuplicates: true });
    if (count === 0) continue;
    try {
      await sendMail(inventoryDigestMail(user.email, content));
      sent += 1;
    } catch (err) {
      failed += 1;
      log.error({ err, organizationId: db.organizationId, userId: user.id }, "inventory digest mail failed; the next run retries");
      await db.inventoryDigest.deleteMany({ where: { day, userId: user.id } });
    }
  }
  if (failed > 0) return "failed";
  return sent > 0 ? "sent" : "alreadySent";
}

function digestContent(agency: { name: string; slug: string }, alerts: InventoryAlerts) {
  return {
    organizationName: agency.name,
    link: new URL(`/agency/${agency.slug}/admin/inventory`, env.APP_URL).toString(),
    lowStock: alerts.lowStock.map((i) => ({ name: i.name, clinic: i.location.name, onHand: i.onHand, reorderPoint: i.reorderPoint, unit: i.unit })),
    lowStockCount: alerts.lowStockCount,
    expiringLots: alerts.expiringLots.map((l) => ({
      lotNumber: l.lotNumber || "(no lot)",
      name: l.item.name,
      clinic: l.item.location.name,
      expiresOn: l.expiresOn!.toISOString().slice(0, 10),
      onHand: l.onHand,
      unit: l.item.unit,
    })),
    expiringCount: alerts.expiringCount,
  };
}
