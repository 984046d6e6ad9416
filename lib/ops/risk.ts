import type { OrgDb } from "@/lib/db";

/**
 * The seam through which the no-show score ranks unconfirmed appointments. A lookup answers,
 * for some of the given appointments, a probability of no-show (0…1) and a short reason; an
 * appointment it leaves out is ranked as unscored. Until a scorer is connected here, the queue
 * ranks unconfirmed appointments by how soon they start and what the visit is worth.
 */
export interface NoShowRisk {
  score: number;
  reason?: string;
}

export type NoShowRiskLookup = (db: OrgDb, appointmentIds: string[]) => Promise<Map<string, NoShowRisk>>;

/** The connected scorer, or null. */
export const NO_SHOW_RISK: NoShowRiskLookup | null = null;
