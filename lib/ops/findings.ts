import "server-only";
import type { OrgDb } from "@/lib/db";

/**
 * What every detector of "needs a human today" reports. A detector is a pure function of
 * Sidecar's data and a clock; the queue stores each finding under (locationId, kind,
 * subjectKey), so running a detector twice never files the same problem twice, and a finding
 * the detector no longer reports is resolved automatically.
 */

export const FINDING_SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** 0 for critical … 3 for low: the order of the queue. */
export function severityRank(severity: FindingSeverity): number {
  return FINDING_SEVERITIES.indexOf(severity);
}

/** A record the finding concerns, as a link to its Sidecar page. */
export interface FindingRecord {
  label: string;
  href: string;
}

/** The one thing a person should do next; `kind` names a one-click action when Sidecar can do it. */
export interface SuggestedAction {
  kind: string;
  label: string;
  href?: string;
}

export interface DetectedFinding {
  locationId: string;
  /** "<area>.<problem>", e.g. "sync.failing", "inventory.stockout_ahead". */
  kind: string;
  /** Stable per clinic + kind: the subject's id (an item, a lot, an appointment) or "clinic". */
  subjectKey: string;
  severity: FindingSeverity;
  title: string;
  /** Plain language with the numbers behind it. */
  reason: string;
  records: FindingRecord[];
  action?: SuggestedAction;
  /** Orders findings of the same severity, higher first (an appointment's no-show risk, say). Default 0. */
  priority?: number;
}

export interface DetectorContext {
  organizationId: string;
  /** For links: /agency/<orgSlug>/... */
  orgSlug: string;
  db: OrgDb;
  now: Date;
}

/** Loads what its pure rule needs through the org-scoped client, then applies the rule. */
export interface Detector {
  /** The kinds this detector can report; findings of these kinds it no longer reports auto-resolve. */
  kinds: readonly string[];
  run(ctx: DetectorContext): Promise<DetectedFinding[]>;
}
