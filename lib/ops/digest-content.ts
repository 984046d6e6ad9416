import type { FindingRecord, FindingSeverity } from "@/lib/ops/findings";

/**
 * What one person's daily digest says: the open findings they may see, most urgent clinic
 * first, each clinic's findings in the queue's own order, with links they can open. Pure, so
 * the ranking, the limits and the links are unit-tested without a mailer.
 */

/** Findings listed per clinic; the rest are counted. */
export const DIGEST_FINDINGS_PER_CLINIC = 5;
/** Clinics listed; the rest are counted. */
export const DIGEST_CLINICS = 20;

export interface DigestFinding {
  id: string;
  locationId: string;
  clinicName: string;
  severity: FindingSeverity | string;
  severityRank: number;
  title: string;
  reason: string;
  records: FindingRecord[];
}

export interface DigestRecipient {
  email: string;
  /** null: owners and admins, who see every clinic. */
  clinicIds: string[] | null;
}

export interface DigestClinic {
  name: string;
  link: string;
  count: number;
  bySeverity: Record<string, number>;
  findings: Array<{ severity: string; title: string; reason: string; link: string }>;
}

export interface DailyDigestContent {
  organizationName: string;
  /** The day the digest covers (UTC), YYYY-MM-DD. */
  day: string;
  total: number;
  critical: number;
  clinics: DigestClinic[];
  /** Clinics beyond DIGEST_CLINICS, and their findings. */
  moreClinics: number;
  moreClinicsFindings: number;
  /** The queue (owners and admins) or the person's first clinic (clinic staff). */
  link: string;
  linkLabel: string;
}

/**
 * `findings` must be in the queue's order (severity, priority, age). Returns null when the
 * person has nothing open in their clinics: nobody gets an empty digest.
 */
export function buildDigest(input: {
  organizationName: string;
  orgSlug: string;
  appUrl: string;
  day: Date;
  recipient: DigestRecipient;
  findings: DigestFinding[];
}): DailyDigestContent | null {
  const { recipient, orgSlug } = input;
  const visible = recipient.clinicIds === null ? input.findings : input.findings.filter((f) => recipient.clinicIds!.includes(f.locationId));
  if (visible.length === 0) return null;
  const url = (path: string) => new URL(path, input.appUrl).toString();
  const staff = recipient.clinicIds !== null;
  const clinicPath = (locationId: string) => (staff ? `/agency/${orgSlug}/clinic/${locationId}` : `/agency/${orgSlug}/admin?clinic=${encodeURIComponent(locationId)}`);

  // Clinics in the order of their most urgent finding (the list is already ranked).
  const byClinic = new Map<string, DigestFinding[]>();
  for (const f of visible) byClinic.set(f.locationId, [...(byClinic.get(f.locationId) ?? []), f]);
  const clinics = [...byClinic.entries()].map(([locationId, list]) => {
    const bySeverity: Record<string, number> = {};
    for (const f of list) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    return {
      name: list[0]!.clinicName,
      link: url(clinicPath(locationId)),
      count: list.length,
      bySeverity,
      findings: list.slice(0, DIGEST_FINDINGS_PER_CLINIC).map((f) => {
        // Clinic staff cannot open the agency's pages: their links go to their clinic's Today tab.
        const record = staff ? undefined : f.records.find((r) => typeof r.href === "string" && r.href.startsWith("/"));
        return { severity: f.severity, title: f.title, reason: f.reason, link: url(record?.href ?? clinicPath(locationId)) };
      }),
    };
  });
  const shown = clinics.slice(0, DIGEST_CLINICS);
  const hidden = clinics.slice(DIGEST_CLINICS);
  const firstClinic = [...byClinic.keys()][0]!;
  return {
    organizationName: input.organizationName,
    day: input.day.toISOString().slice(0, 10),
    total: visible.length,
    critical: visible.filter((f) => f.severity === "critical").length,
    clinics: shown,
    moreClinics: hidden.length,
    moreClinicsFindings: hidden.reduce((sum, c) => sum + c.count, 0),
    link: url(staff ? `/agency/${orgSlug}/clinic/${firstClinic}` : `/agency/${orgSlug}/admin`),
    linkLabel: staff ? "Open your clinic's Today tab" : "Open the queue",
  };
}
