import "server-only";
import { randomUUID } from "node:crypto";
import { forOrg, type OrgTransaction } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { DETECTORS } from "@/lib/ops/detectors";
import type { DetectedFinding, Detector } from "@/lib/ops/findings";
import { FINDING_SEVERITIES } from "@/lib/ops/findings";
import { findingKey, planReconcile, type ReconcilePlan, type StoredFinding } from "@/lib/ops/reconcile";
import { forEachAgencyWithClinics } from "@/lib/orgs/organizations";

export interface DetectorRunSummary {
  organizationId: string;
  detected: number;
  opened: number;
  reopened: number;
  autoResolved: number;
  /** Detectors that threw: their kinds were left as they were. */
  failedDetectors: number;
  ms: number;
  /** Of `ms`: running the detectors, and storing what they found (the reconcile transaction). */
  detectMs: number;
  storeMs: number;
}

const TRANSACTION_TIMEOUT_MS = 30_000;

/**
 * Detectors run two at a time: each holds pool connections for its queries, and a run of every
 * detector at once would take the whole pool from the pages people are using (and, on a busy
 * database, make later queries wait past Prisma's time to start a transaction).
 */
const DETECTOR_CONCURRENCY = 2;

/** Promise.allSettled over `items`, at most `limit` at a time, outcomes in the order of `items`. */
async function settleWithConcurrency<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const outcomes: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        outcomes[i] = { status: "fulfilled", value: await run(items[i]!) };
      } catch (reason) {
        outcomes[i] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return outcomes;
}

/** A detector's output is checked before it is stored: a bad finding is dropped and logged, never half-written. */
function acceptable(found: DetectedFinding, detector: Detector, clinicIds: Set<string>): boolean {
  const ok =
    detector.kinds.includes(found.kind) &&
    clinicIds.has(found.locationId) &&
    typeof found.subjectKey === "string" &&
    found.subjectKey.length > 0 &&
    found.subjectKey.length <= 200 &&
    (FINDING_SEVERITIES as readonly string[]).includes(found.severity) &&
    typeof found.title === "string" &&
    found.title.length > 0 &&
    typeof found.reason === "string" &&
    Array.isArray(found.records);
  if (!ok) log.warn({ kind: found.kind, locationId: found.locationId }, "a detector reported a finding the queue cannot store; dropped");
  return ok;
}

async function loadStored(tx: OrgTransaction, organizationId: string, kinds: string[], detected: DetectedFinding[]): Promise<StoredFinding[]> {
  const loc = detected.map((f) => f.locationId);
  const kind = detected.map((f) => f.kind);
  const subject = detected.map((f) => f.subjectKey);
  // Raw for the tuple match on the detected keys; organizationId is explicit and the
  // transaction runs under the tenant's row-level security like every org-scoped query.
  return tx.$queryRaw<StoredFinding[]>`
      SELECT f."id", f."locationId", f."kind", f."subjectKey", f."status"::text AS "status", f."severity", f."title", f."reason",
             f."records", f."action", f."priority", f."snoozedUntil", f."missedRuns", f."autoResolved", f."openedAt"
      FROM "Finding" f
      WHERE f."organizationId" = ${organizationId}
        AND ((f."kind" = ANY(${kinds}) AND (f."status" <> 'resolved' OR f."missedRuns" = 0))
          OR (f."locationId", f."kind", f."subjectKey") IN (SELECT * FROM unnest(${loc}::text[], ${kind}::text[], ${subject}::text[])))`;
}

const json = (value: unknown) => (value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue));

/** Applies a plan inside the run's transaction: nothing of a run is half-stored. */
async function applyPlan(tx: OrgTransaction, organizationId: string, plan: ReconcilePlan, now: Date) {
      if (plan.create.length) {
        await tx.finding.createMany({
          data: plan.create.map((f) => ({
            id: f.id,
            organizationId,
            locationId: f.locationId,
            kind: f.kind,
            subjectKey: f.subjectKey,
            severity: f.severity,
            severityRank: f.severityRank,
            priority: f.priority,
            title: f.title,
            reason: f.reason,
            records: json(f.records),
            action: json(f.action),
            openedAt: now,
            lastSeenAt: now,
          })),
        });
      }
      if (plan.touch.length) await tx.finding.updateMany({ where: { id: { in: plan.touch } }, data: { lastSeenAt: now, missedRuns: 0 } });
      if (plan.update.length) {
        // One statement for every finding whose content changed (a reopen or a snooze ended
        // included), however many there are; raw for the per-row values from unnest.
        const u = plan.update;
        const reopen = u.map((x) => x.reopen);
        const reopenOrWake = u.map((x) => x.reopen || x.endSnooze);
        await tx.$executeRaw`
          UPDATE "Finding" AS f SET
            "severity" = u."severity", "severityRank" = u."severityRank", "priority" = u."priority", "title" = u."title", "reason" = u."reason",
            "records" = u."records"::jsonb, "action" = u."action"::jsonb, "lastSeenAt" = ${now}, "missedRuns" = 0, "updatedAt" = ${now},
            "status" = CASE WHEN u."wake" THEN 'open'::"FindingStatus" ELSE f."status" END,
            "snoozedUntil" = CASE WHEN u."wake" THEN NULL ELSE f."snoozedUntil" END,
            "openedAt" = CASE WHEN u."reopen" THEN ${now} ELSE f."openedAt" END,
            "resolvedAt" = CASE WHEN u."reopen" THEN NULL ELSE f."resolvedAt" END,
            "resolvedByUserId" = CASE WHEN u."reopen" THEN NULL ELSE f."resolvedByUserId" END,
            "resolutionNote" = CASE WHEN u."reopen" THEN NULL ELSE f."resolutionNote" END,
            "autoResolved" = CASE WHEN u."reopen" THEN false ELSE f."autoResolved" END
          FROM unnest(
            ${u.map((x) => x.id)}::text[], ${u.map((x) => x.content.severity)}::text[], ${u.map((x) => x.content.severityRank)}::int[],
            ${u.map((x) => x.content.priority)}::float8[], ${u.map((x) => x.content.title)}::text[], ${u.map((x) => x.content.reason)}::text[],
            ${u.map((x) => JSON.stringify(x.content.records ?? []))}::text[], ${u.map((x) => (x.content.action ? JSON.stringify(x.content.action) : null))}::text[],
            ${reopen}::boolean[], ${reopenOrWake}::boolean[]
          ) AS u("id", "severity", "severityRank", "priority", "title", "reason", "records", "action", "reopen", "wake")
          WHERE f."id" = u."id" AND f."organizationId" = ${organizationId}`;
      }
      if (plan.miss.length) await tx.finding.updateMany({ where: { id: { in: plan.miss } }, data: { missedRuns: { increment: 1 } } });
      if (plan.autoResolve.length) {
        await tx.finding.updateMany({
          where: { id: { in: plan.autoResolve } },
          data: { status: "resolved", autoResolved: true, resolvedAt: now, resolvedByUserId: null, snoozedUntil: null, missedRuns: { increment: 1 } },
        });
      }
      if (plan.events.length) {
        await tx.findingEvent.createMany({
          data: plan.events.map((e) => ({
            organizationId,
            findingId: e.findingId,
            locationId: e.locationId,
            type: e.type,
            note: e.note ?? null,
            episodeOpenedAt: e.episodeOpenedAt ?? null,
            createdAt: now,
          })),
        });
      }
}

/**
 * Runs every detector for one agency and stores what they found. A detector that throws is
 * logged and its kinds are left untouched (its findings neither duplicated nor auto-resolved).
 * Runs of the same agency are serialized by an advisory lock, so two runs never race on a key.
 */
export async function runDetectorsForOrg(
  organization: { id: string; slug: string },
  now = new Date(),
  detectors: readonly Detector[] = DETECTORS,
): Promise<DetectorRunSummary> {
  const started = Date.now();
  const db = forOrg(organization.id);
  const clinics = await db.location.findMany({ select: { id: true } });
  const clinicIds = new Set(clinics.map((c) => c.id));
  const detected: DetectedFinding[] = [];
  const ranKinds = new Set<string>();
  let failedDetectors = 0;
  const outcomes = await settleWithConcurrency(detectors, DETECTOR_CONCURRENCY, (d) => d.run({ organizationId: organization.id, orgSlug: organization.slug, db, now }));
  outcomes.forEach((outcome, i) => {
    const detector = detectors[i]!;
    if (outcome.status === "rejected") {
      failedDetectors += 1;
      log.error({ err: outcome.reason, kinds: detector.kinds, organizationId: organization.id }, "a detector failed; its findings are left as they were");
      return;
    }
    for (const kind of detector.kinds) ranKinds.add(kind);
    for (const found of outcome.value) if (acceptable(found, detector, clinicIds)) detected.push(found);
  });
  const unique = [...new Map(detected.map((f) => [findingKey(f), f])).values()];
  const detectedAt = Date.now();
  // One transaction from reading the stored queue to writing the plan, under a lock per agency:
  // the cron and a person's "check now" may overlap, and the second waits for the first.
  const plan = await db.transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`ops-queue:${organization.id}`}))`;
      const stored = await loadStored(tx, organization.id, [...ranKinds], unique);
      const next = planReconcile({ stored, detected: unique, ranKinds, now, newId: randomUUID });
      await applyPlan(tx, organization.id, next, now);
      return next;
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
  );
  return {
    organizationId: organization.id,
    detected: unique.length,
    opened: plan.events.filter((e) => e.type === "opened").length,
    reopened: plan.events.filter((e) => e.type === "reopened").length,
    autoResolved: plan.autoResolve.length,
    failedDetectors,
    ms: Date.now() - started,
    detectMs: detectedAt - started,
    storeMs: Date.now() - detectedAt,
  };
}

/** The cron's part: every agency in turn, until the deadline. */
export async function runDetectorsForAllAgencies(now: Date, deadline = Number.POSITIVE_INFINITY) {
  const summary = { agencies: 0, findings: 0, opened: 0, autoResolved: 0, failed: 0 };
  const agencies = await forEachAgencyWithClinics(
    "the detector run",
    async (agency) => {
      const run = await runDetectorsForOrg(agency, now);
      summary.findings += run.detected;
      summary.opened += run.opened + run.reopened;
      summary.autoResolved += run.autoResolved;
      if (run.failedDetectors) summary.failed += 1;
    },
    deadline,
  );
  summary.agencies = agencies.done;
  summary.failed += agencies.failed;
  return summary;
}
