import "server-only";
import type { OrgDb } from "@/lib/db";
import { reasonLine, riskForAppointments } from "@/lib/noshow/risk";

/**
 * The seam through which the no-show score ranks unconfirmed appointments. A lookup answers,
 * for some of the given appointments, a probability of no-show (0…1) and a short reason; an
 * appointment it leaves out is ranked as unscored (by how soon it starts and what the visit is
 * worth). Connected to the stored scores of lib/noshow (written hourly by /api/cron/noshow).
 */
export interface NoShowRisk {
  score: number;
  reason?: string;
}

export type NoShowRiskLookup = (db: OrgDb, appointmentIds: string[]) => Promise<Map<string, NoShowRisk>>;

/** The connected scorer: each appointment's stored score and its top reasons in one line. */
export const NO_SHOW_RISK: NoShowRiskLookup | null = async (db, appointmentIds) => {
  const stored = await riskForAppointments(db, appointmentIds);
  return new Map([...stored].map(([id, r]) => [id, { score: r.score, reason: reasonLine(r.reasons) || undefined }]));
};
