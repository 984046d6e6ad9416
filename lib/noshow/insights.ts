import "server-only";
import type { OrgDb } from "@/lib/db";
import { patientName } from "@/lib/calendar/queries";
import { evaluationSchema, type Evaluation } from "@/lib/noshow/evaluate";
import { reasonLine, type RiskBand } from "@/lib/noshow/risk";
import { riskReasonSchema } from "@/lib/noshow/risk";
import { z } from "zod";

/** What the Insights → No-shows page shows: the active model, its honest evaluation, earlier versions, and the riskiest upcoming visits. */
export interface NoShowInsights {
  active: {
    label: string;
    kind: "fitted" | "prior";
    trainedAt: Date;
    evaluation: Evaluation | null;
  } | null;
  history: Array<{ label: string; trainedAt: Date; auc: number | null; baselineAuc: number | null; active: boolean }>;
  risky: Array<{ appointmentId: string; patient: string; clinic: string; timezone: string; startTime: Date; score: number; band: RiskBand; reason: string; unconfirmed: boolean }>;
}

const RISKY_SHOWN = 10;

export async function loadNoShowInsights(db: OrgDb, now: Date): Promise<NoShowInsights> {
  const [models, risky] = await Promise.all([
    db.noShowModel.findMany({ orderBy: { version: "desc" }, take: 6, select: { label: true, kind: true, trainedAt: true, evaluation: true, active: true } }),
    db.appointmentRisk.findMany({
      where: { band: "high", appointment: { startTime: { gte: now }, status: { in: ["new", "confirmed"] }, deletedAt: null } },
      orderBy: [{ score: "desc" }, { appointmentId: "asc" }],
      take: RISKY_SHOWN,
      select: {
        appointmentId: true,
        score: true,
        band: true,
        reasons: true,
        appointment: { select: { startTime: true, status: true, contact: { select: { firstName: true, lastName: true } }, location: { select: { name: true, timezone: true } } } },
      },
    }),
  ]);
  const parsed = models.map((m) => ({ ...m, evaluation: evaluationSchema.safeParse(m.evaluation).data ?? null }));
  const active = parsed.find((m) => m.active) ?? null;
  return {
    active: active ? { label: active.label, kind: active.kind === "prior" ? "prior" : "fitted", trainedAt: active.trainedAt, evaluation: active.evaluation } : null,
    history: parsed.map((m) => ({ label: m.label, trainedAt: m.trainedAt, auc: m.evaluation?.model.auc ?? null, baselineAuc: m.evaluation?.baseline.auc ?? null, active: m.active })),
    risky: risky.map((r) => ({
      appointmentId: r.appointmentId,
      patient: patientName(r.appointment.contact),
      clinic: r.appointment.location.name,
      timezone: r.appointment.location.timezone,
      startTime: r.appointment.startTime,
      score: r.score,
      band: r.band,
      reason: reasonLine(z.array(riskReasonSchema).safeParse(r.reasons).data ?? []),
      unconfirmed: r.appointment.status === "new",
    })),
  };
}
