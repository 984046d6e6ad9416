import "server-only";
import { z } from "zod";
import type { OrgDb, OrgTransaction } from "@/lib/db";

/**
 * The read side of the no-show score: what pages, the queue and the prevention policy ask.
 * Scores are written by the nightly run (lib/noshow/run.ts); an appointment without a row has
 * not been scored (past, cancelled, or booked since the last run).
 */

export type RiskBand = "low" | "medium" | "high";

/** Bands by probability of no-show: high from 30 %, medium from 15 % (about the industry's base rate). */
export const RISK_BAND_FLOORS = { medium: 0.15, high: 0.3 } as const;

export function bandFor(score: number): RiskBand {
  if (score >= RISK_BAND_FLOORS.high) return "high";
  if (score >= RISK_BAND_FLOORS.medium) return "medium";
  return "low";
}

export const riskReasonSchema = z.object({ text: z.string(), weight: z.number() });
export type RiskReason = z.infer<typeof riskReasonSchema>;
const reasonsSchema = z.array(riskReasonSchema);

export interface AppointmentRiskView {
  appointmentId: string;
  locationId: string;
  /** Probability of a no-show, 0..1. */
  score: number;
  band: RiskBand;
  /** Strongest first; weight is the contribution in log-odds (positive raises the risk). */
  reasons: RiskReason[];
  /** The model that scored it, e.g. "fitted-v3" or "prior-v1". */
  modelVersion: string;
  /** Scored by the documented prior model (too little history to fit the agency's own). */
  prior: boolean;
  scoredAt: Date;
}

export function isPriorModelVersion(modelVersion: string): boolean {
  return modelVersion.startsWith("prior");
}

type Reader = Pick<OrgDb, "appointmentRisk"> | Pick<OrgTransaction, "appointmentRisk">;

/** The stored risk of each given appointment that has one, through the caller's (org- or clinic-scoped) handle. */
export async function riskForAppointments(db: Reader, appointmentIds: readonly string[]): Promise<Map<string, AppointmentRiskView>> {
  const out = new Map<string, AppointmentRiskView>();
  const ids = [...new Set(appointmentIds)];
  if (ids.length === 0) return out;
  const rows = await (db.appointmentRisk as OrgDb["appointmentRisk"]).findMany({
    where: { appointmentId: { in: ids } },
    select: { appointmentId: true, locationId: true, score: true, band: true, reasons: true, modelVersion: true, scoredAt: true },
  });
  for (const row of rows) {
    const reasons = reasonsSchema.safeParse(row.reasons);
    out.set(row.appointmentId, {
      appointmentId: row.appointmentId,
      locationId: row.locationId,
      score: row.score,
      band: row.band,
      reasons: reasons.success ? reasons.data : [],
      modelVersion: row.modelVersion,
      prior: isPriorModelVersion(row.modelVersion),
      scoredAt: row.scoredAt,
    });
  }
  return out;
}

/** The reasons as one short line: "2 no-shows in the last 6 visits; booked 41 days ahead". */
export function reasonLine(reasons: readonly RiskReason[], max = 2): string {
  return reasons
    .filter((r) => r.weight > 0)
    .slice(0, max)
    .map((r) => r.text)
    .join("; ");
}
