import "server-only";
import { forOrg, type OrgDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { HistoryAppointment } from "@/lib/noshow/features";
import { modelParamsSchema, type ModelParams } from "@/lib/noshow/model";
import { bandFor } from "@/lib/noshow/risk";
import { scoreUpcoming, trainModel } from "@/lib/noshow/train";
import { forEachAgencyWithClinics } from "@/lib/orgs/organizations";

/**
 * The scheduled part: for each agency, retrain its model once a day (the first run after 04:00
 * UTC, night across the Americas) and score every upcoming appointment with the active model.
 * Runs hourly, so an appointment booked today has a score within the hour. Everything goes
 * through the agency's org-scoped client: row-level security applies to the cron as to a page.
 */

/** History the model learns from. */
export const HISTORY_DAYS = 730;
/** Appointments scored ahead of time. */
export const SCORE_AHEAD_DAYS = 14;
const RETRAIN_HOUR_UTC = 4;
const DAY = 86_400_000;

/** Whether a model trained at `trainedAt` is due for retraining at `now`. */
export function retrainDue(trainedAt: Date | null, now: Date): boolean {
  if (!trainedAt) return true;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RETRAIN_HOUR_UTC);
  const boundary = now.getTime() >= today ? today : today - DAY;
  return trainedAt.getTime() < boundary;
}

interface Loaded {
  appointments: HistoryAppointment[];
  zones: Map<string, string>;
  calendarNames: Map<string, string>;
}

const confirmedIn = (features: unknown): boolean | null => {
  const value = features && typeof features === "object" ? (features as Record<string, unknown>).confirmed : undefined;
  return typeof value === "boolean" ? value : null;
};

async function loadHistory(db: OrgDb, now: Date): Promise<Loaded> {
  const [locations, calendars, rows] = await Promise.all([
    db.location.findMany({ select: { id: true, timezone: true } }),
    db.calendar.findMany({ select: { ghlCalendarId: true, name: true } }),
    db.appointment.findMany({
      where: { deletedAt: null, startTime: { gte: new Date(now.getTime() - HISTORY_DAYS * DAY), lt: new Date(now.getTime() + SCORE_AHEAD_DAYS * DAY) } },
      select: {
        id: true,
        contactId: true,
        locationId: true,
        calendarId: true,
        status: true,
        startTime: true,
        bookedAt: true,
        createdAt: true,
        externalUpdatedAt: true,
        risk: { select: { features: true } },
      },
    }),
  ]);
  return {
    zones: new Map(locations.map((l) => [l.id, l.timezone])),
    calendarNames: new Map(calendars.map((c) => [c.ghlCalendarId, c.name])),
    appointments: rows.map((r) => ({
      id: r.id,
      contactId: r.contactId,
      locationId: r.locationId,
      calendarId: r.calendarId,
      status: r.status,
      startTime: r.startTime,
      bookedAt: r.bookedAt ?? (r.createdAt < r.startTime ? r.createdAt : r.startTime),
      changedAt: r.externalUpdatedAt,
      confirmedSnapshot: confirmedIn(r.risk?.features),
    })),
  };
}

export interface NoShowRunSummary {
  organizationId: string;
  retrained: boolean;
  modelVersion: string;
  kind: "fitted" | "prior";
  scored: number;
}

/** Retrains when due, then scores the agency's upcoming appointments. */
export async function runNoShowForOrg(organizationId: string, now: Date, options: { forceRetrain?: boolean } = {}): Promise<NoShowRunSummary> {
  const db = forOrg(organizationId);
  const loaded = await loadHistory(db, now);
  const zoneOf = (locationId: string) => loaded.zones.get(locationId) ?? "UTC";
  let active = await db.noShowModel.findFirst({ where: { active: true }, orderBy: { version: "desc" } });
  let params: ModelParams | null = active ? (modelParamsSchema.safeParse(active.params).data ?? null) : null;
  let retrained = false;

  if (!active || !params || options.forceRetrain || retrainDue(active.trainedAt, now)) {
    const trained = trainModel(loaded.appointments, zoneOf, now, loaded.calendarNames);
    active = await db.transaction(async (tx) => {
      const latest = await tx.noShowModel.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
      const version = (latest?.version ?? 0) + 1;
      await tx.noShowModel.updateMany({ where: { active: true }, data: { active: false } });
      return tx.noShowModel.create({
        data: {
          organizationId,
          version,
          kind: trained.params.kind,
          label: `${trained.params.kind}-v${version}`,
          params: trained.params as unknown as Prisma.InputJsonValue,
          trainRows: trained.trainRows,
          testRows: trained.testRows,
          splitAt: trained.splitAt,
          evaluation: trained.evaluation ? (trained.evaluation as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
          active: true,
          trainedAt: now,
        },
      });
    });
    params = trained.params;
    retrained = true;
  }

  const upcoming = loaded.appointments.filter((a) => (a.status === "new" || a.status === "confirmed") && a.startTime >= now);
  const scored = scoreUpcoming(params, loaded.appointments, upcoming, zoneOf, now);
  const byId = new Map(upcoming.map((a) => [a.id, a]));
  const label = active.label;
  if (scored.length) {
    // One transaction: an appointment's previous score is replaced, never left half-updated.
    await db.transaction(
      async (tx) => {
        await tx.appointmentRisk.deleteMany({ where: { appointmentId: { in: scored.map((s) => s.appointmentId) } } });
        await tx.appointmentRisk.createMany({
          data: scored.map((s) => ({
            organizationId,
            locationId: byId.get(s.appointmentId)!.locationId,
            appointmentId: s.appointmentId,
            score: Math.min(1, Math.max(0, s.score)),
            band: bandFor(s.score),
            reasons: s.reasons as unknown as Prisma.InputJsonValue,
            features: s.features as unknown as Prisma.InputJsonValue,
            modelVersion: label,
            scoredAt: now,
          })),
        });
      },
      { timeout: 60_000 },
    );
  }
  return { organizationId, retrained, modelVersion: label, kind: params.kind, scored: scored.length };
}

export async function runNoShowForAllAgencies(now: Date, deadline = Number.POSITIVE_INFINITY) {
  const summary = { agencies: 0, retrained: 0, scored: 0, failed: 0 };
  const agencies = await forEachAgencyWithClinics(
    "the no-show run",
    async (agency) => {
      const run = await runNoShowForOrg(agency.id, now);
      summary.scored += run.scored;
      if (run.retrained) summary.retrained += 1;
    },
    deadline,
  );
  summary.agencies = agencies.done;
  summary.failed = agencies.failed;
  return summary;
}

/** The agency's models, newest first, for the Insights page. */
export async function listModels(db: OrgDb, take = 5) {
  return db.noShowModel.findMany({
    orderBy: { version: "desc" },
    take,
    select: { id: true, version: true, kind: true, label: true, trainRows: true, testRows: true, splitAt: true, evaluation: true, active: true, trainedAt: true },
  });
}
