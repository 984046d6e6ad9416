import "server-only";
import { forOrg, type OrgDb } from "@/lib/db";
import { seesAllClinics } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { sendMail } from "@/lib/mail/send";
import { dailyDigestMail } from "@/lib/mail/templates";
import { buildDigest, type DigestFinding } from "@/lib/ops/digest-content";
import type { FindingRecord } from "@/lib/ops/findings";
import { openFindingsWhere } from "@/lib/ops/queue";
import { forEachAgencyWithClinics } from "@/lib/orgs/organizations";

/** More open findings than this in one agency are not read for a mail (each clinic shows five). */
const DIGEST_READ_LIMIT = 2_000;

/** The UTC calendar day of `now`: with the organization and the person, the digest's idempotency key. */
export function digestDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export type DigestSummary = {
  agencies: number;
  /** People mailed on this run. */
  sent: number;
  /** People already mailed today (their claim stood). */
  alreadySent: number;
  /** People with nothing open in their clinics. */
  nothingToReport: number;
  /** People whose mail failed (released for the next run), or agencies that could not be read. */
  failed: number;
};

/**
 * The daily digest of the queue: each owner and admin gets the agency's open findings, each
 * clinic staff member those of their own clinics, ranked as the queue ranks them, per clinic,
 * with links. Once per person per day: the person's DailyDigest row is claimed (insert, skip on
 * conflict) before their mail goes out, so an overlapping or repeated run mails nobody twice;
 * a failed send releases only that person's claim, so the next run mails just them.
 */
export async function sendDailyDigests(now: Date): Promise<DigestSummary> {
  const summary: DigestSummary = { agencies: 0, sent: 0, alreadySent: 0, nothingToReport: 0, failed: 0 };
  const agencies = await forEachAgencyWithClinics("the daily digest", async (agency) => {
    const outcome = await sendAgencyDigests(forOrg(agency.id), agency, now);
    for (const key of ["sent", "alreadySent", "nothingToReport", "failed"] as const) summary[key] += outcome[key];
  });
  summary.agencies = agencies.done + agencies.failed;
  summary.failed += agencies.failed;
  return summary;
}

async function sendAgencyDigests(db: OrgDb, agency: { name: string; slug: string }, now: Date) {
  const outcome = { sent: 0, alreadySent: 0, nothingToReport: 0, failed: 0 };
  const [members, rows] = await Promise.all([
    db.member.findMany({
      where: { role: { in: ["agency_owner", "agency_admin", "clinic_staff"] } },
      select: { role: true, user: { select: { id: true, email: true } }, clinics: { select: { locationId: true } } },
      orderBy: { userId: "asc" },
    }),
    db.finding.findMany({
      where: openFindingsWhere(now),
      orderBy: [{ severityRank: "asc" }, { priority: "desc" }, { openedAt: "asc" }, { id: "asc" }],
      take: DIGEST_READ_LIMIT,
      select: { id: true, locationId: true, severity: true, severityRank: true, title: true, reason: true, records: true, location: { select: { name: true } } },
    }),
  ]);
  const findings: DigestFinding[] = rows.map((r) => ({
    id: r.id,
    locationId: r.locationId,
    clinicName: r.location.name,
    severity: r.severity,
    severityRank: r.severityRank,
    title: r.title,
    reason: r.reason,
    records: (Array.isArray(r.records) ? r.records : []) as unknown as FindingRecord[],
  }));
  const day = digestDay(now);
  for (const member of members) {
    const clinicIds = seesAllClinics(member.role) ? null : member.clinics.map((c) => c.locationId);
    const content = buildDigest({ organizationName: agency.name, orgSlug: agency.slug, appUrl: env.APP_URL, day, recipient: { email: member.user.email, clinicIds }, findings });
    if (!content) {
      outcome.nothingToReport += 1;
      continue;
    }
    const { count } = await db.dailyDigest.createMany({ data: [{ organizationId: db.organizationId, day, userId: member.user.id }], skipDuplicates: true });
    if (count === 0) {
      outcome.alreadySent += 1;
      continue;
    }
    try {
      await sendMail(dailyDigestMail(member.user.email, content));
      outcome.sent += 1;
    } catch (err) {
      outcome.failed += 1;
      log.error({ err, organizationId: db.organizationId, userId: member.user.id }, "daily digest mail failed; the next run retries this person");
      await db.dailyDigest.deleteMany({ where: { day, userId: member.user.id } });
    }
  }
  return outcome;
}
