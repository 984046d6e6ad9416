import { FALLBACK_GFE_VALIDITY_DAYS, stateDefault } from "@/lib/oversight/gfe-defaults";
import { zonedDateKey } from "@/lib/time/zoned";

/**
 * The rules of medical oversight as pure functions of the data and a clock, so the check-in
 * warnings, the queue's detectors and the tests all agree. Dates of exams and signatures are
 * calendar dates ("YYYY-MM-DD") in the clinic's timezone; a GFE is valid through its expiry date.
 */

export interface ServiceRuleLike {
  ghlCalendarId: string;
  gfeRequired: boolean;
  gfeValidityDays: number | null;
  consentKey: string | null;
}

export interface CurrentTemplate {
  key: string;
  title: string;
  version: number;
}

export interface PatientRecords {
  gfes: Array<{ expiresOn: string }>;
  consents: Array<{ kind: string; consentKey: string | null; templateVersion: number | null }>;
}

export type VisitWarningKind = "gfe_missing" | "gfe_expired" | "consent_missing" | "consent_outdated";

export interface VisitWarning {
  kind: VisitWarningKind;
  message: string;
  /** The consent the visit needs (for the upload form), when the warning is about one. */
  consent?: CurrentTemplate;
}

/** "YYYY-MM-DD" plus whole days. */
export function addDays(dateKey: string, days: number): string {
  const [y, m, d] = dateKey.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days a GFE lasts for this service: its own period, else the clinic's state default, else 12 months. */
export function gfeValidityDays(rule: Pick<ServiceRuleLike, "gfeValidityDays"> | null, state: string | null): number {
  return rule?.gfeValidityDays ?? stateDefault(state)?.validityDays ?? FALLBACK_GFE_VALIDITY_DAYS;
}

/** The last day an exam on `examinedOn` is valid: examined + period − 1 (a 365-day exam of 1 March is good through 28 February). */
export function gfeExpiresOn(examinedOn: string, validityDays: number): string {
  return addDays(examinedOn, validityDays - 1);
}

/** The latest expiry among the patient's exams, or null. */
export function latestGfeExpiry(gfes: PatientRecords["gfes"]): string | null {
  return gfes.reduce<string | null>((latest, g) => (latest === null || g.expiresOn > latest ? g.expiresOn : latest), null);
}

function formatDateKey(dateKey: string): string {
  const [y, m, d] = dateKey.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}

/**
 * What the front desk must see before this visit: the service's GFE missing or expired on the
 * visit's date (in the clinic's timezone), or its consent not signed at the current version.
 */
export function visitWarnings(input: {
  startTime: Date;
  timezone: string;
  rule: ServiceRuleLike | null;
  template: CurrentTemplate | null;
  records: PatientRecords;
}): VisitWarning[] {
  const { rule, template, records } = input;
  if (!rule) return [];
  const warnings: VisitWarning[] = [];
  const visitDay = zonedDateKey(input.startTime, input.timezone);
  if (rule.gfeRequired) {
    const expiry = latestGfeExpiry(records.gfes);
    if (expiry === null) warnings.push({ kind: "gfe_missing", message: "GFE missing: this service needs a good-faith exam on file." });
    else if (expiry < visitDay) warnings.push({ kind: "gfe_expired", message: `GFE expired on ${formatDateKey(expiry)}: a new good-faith exam is needed.` });
  }
  if (rule.consentKey && template) {
    const signed = records.consents.filter((c) => c.kind === "treatment" && c.consentKey === template.key);
    if (signed.length === 0) warnings.push({ kind: "consent_missing", message: `Consent missing: ${template.title} (version ${template.version}) is not signed.`, consent: template });
    else if (!signed.some((c) => c.templateVersion === template.version)) {
      warnings.push({ kind: "consent_outdated", message: `Consent out of date: ${template.title} changed to version ${template.version}; it was signed for an earlier one.`, consent: template });
    }
  }
  return warnings;
}

/** Charts due this month under the clinic's requirement: the larger of N% of the month's visits (rounded up) and the minimum. */
export function chartReviewsDue(visits: number, requirement: { chartReviewPercent: number | null; chartReviewMinimum: number | null }): number {
  const byPercent = requirement.chartReviewPercent ? Math.ceil((visits * requirement.chartReviewPercent) / 100) : 0;
  return Math.min(visits, Math.max(byPercent, requirement.chartReviewMinimum ?? 0));
}
