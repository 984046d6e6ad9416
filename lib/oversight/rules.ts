import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requireClinic } from "@/lib/clinic/clinics";
import { NotFoundError, UserError } from "@/lib/errors";
import type { CurrentTemplate, ServiceRuleLike } from "@/lib/oversight/checks";
import type { TOversightInput } from "@/lib/oversight/schemas";
import { ZConsentTemplateInput } from "@/lib/oversight/schemas";
import { claimUpload } from "@/lib/storage/files";
import type { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";

type Ctx = Pick<OrgContext, "db" | "clinicIds" | "organization" | "user" | "role" | "impersonator">;

/** The latest version of each consent template of these clinics, by clinic then key. */
export async function currentTemplates(ctx: Pick<OrgContext, "db">, locationIds: string[]): Promise<Map<string, Map<string, CurrentTemplate & { id: string; fileId: string | null; body: string | null; createdAt: Date }>>> {
  const rows = await ctx.db.consentTemplate.findMany({ where: { locationId: { in: locationIds } }, orderBy: [{ key: "asc" }, { version: "desc" }] });
  const byClinic = new Map<string, Map<string, CurrentTemplate & { id: string; fileId: string | null; body: string | null; createdAt: Date }>>();
  for (const row of rows) {
    const clinic = byClinic.get(row.locationId) ?? new Map();
    if (!clinic.has(row.key)) clinic.set(row.key, { id: row.id, key: row.key, title: row.title, version: row.version, fileId: row.fileId, body: row.body, createdAt: row.createdAt });
    byClinic.set(row.locationId, clinic);
  }
  return byClinic;
}

/** Everything a clinic's oversight settings page shows. */
export async function loadOversight(ctx: Ctx, locationId: string) {
  const clinic = await requireClinic(ctx, locationId);
  const [oversight, rules, calendars, templates] = await Promise.all([
    ctx.db.clinicOversight.findUnique({ where: { locationId: clinic.id } }),
    ctx.db.serviceRule.findMany({ where: { locationId: clinic.id } }),
    ctx.db.calendar.findMany({ where: { locationId: clinic.id }, orderBy: { name: "asc" }, select: { ghlCalendarId: true, name: true, isActive: true } }),
    currentTemplates(ctx, [clinic.id]),
  ]);
  return { clinic, oversight, rules: new Map<string, ServiceRuleLike>(rules.map((r) => [r.ghlCalendarId, r])), calendars, templates: [...(templates.get(clinic.id)?.values() ?? [])] };
}

/** Saves a clinic's oversight and its service rules together, in one transaction. */
export async function saveOversight(ctx: Ctx, input: TOversightInput) {
  const clinic = await requireClinic(ctx, input.locationId);
  return ctx.db.transaction(async (tx) => {
    const calendars = new Set((await tx.calendar.findMany({ where: { locationId: clinic.id }, select: { ghlCalendarId: true } })).map((c) => c.ghlCalendarId));
    const keys = new Set((await tx.consentTemplate.findMany({ where: { locationId: clinic.id }, select: { key: true }, distinct: ["key"] })).map((t) => t.key));
    const fieldErrors: Record<string, string[]> = {};
    input.services.forEach((service, i) => {
      if (!calendars.has(service.ghlCalendarId)) fieldErrors[`services.${i}.ghlCalendarId`] = ["That service is not one of this clinic's calendars."];
      if (service.consentKey && !keys.has(service.consentKey)) fieldErrors[`services.${i}.consentKey`] = ["Publish that consent form first."];
    });
    if (Object.keys(fieldErrors).length) throw new UserError("invalid_input", "Please check the services.", undefined, fieldErrors);
    const data = {
      state: input.state,
      medicalDirector: input.medicalDirector,
      providers: [...new Set(input.providers)],
      chartReviewPercent: input.chartReviewPercent,
      chartReviewMinimum: input.chartReviewMinimum,
    };
    await tx.clinicOversight.upsert({ where: { locationId: clinic.id }, create: { ...data, organizationId: ctx.organization.id, locationId: clinic.id }, update: data });
    await tx.serviceRule.deleteMany({ where: { locationId: clinic.id } });
    const rules = input.services.filter((s) => s.gfeRequired || s.consentKey);
    if (rules.length) await tx.serviceRule.createMany({ data: rules.map((s) => ({ ...s, organizationId: ctx.organization.id, locationId: clinic.id })) });
    return { locationId: clinic.id, rules: rules.length };
  });
}

/** Publishes a consent form: the next version of its key at this clinic (version 1 when new). */
export async function publishConsentTemplate(ctx: Ctx, input: z.output<typeof ZConsentTemplateInput>) {
  const clinic = await requireClinic(ctx, input.locationId);
  const file = input.fileId ? await claimUpload(ctx, input.fileId, { purpose: "consent_template", locationId: clinic.id }) : null;
  return ctx.db.transaction(async (tx) => {
    const latest = await tx.consentTemplate.findFirst({ where: { locationId: clinic.id, key: input.key }, orderBy: { version: "desc" }, select: { version: true } });
    const row = await tx.consentTemplate.create({
      data: { organizationId: ctx.organization.id, locationId: clinic.id, key: input.key, title: input.title, body: input.body, fileId: file?.id ?? null, version: (latest?.version ?? 0) + 1, createdByUserId: ctx.user.id },
    });
    return { templateId: row.id, key: row.key, version: row.version };
  });
}

export async function requireTemplate(ctx: Pick<OrgContext, "db">, locationId: string, key: string) {
  const template = await ctx.db.consentTemplate.findFirst({ where: { locationId, key }, orderBy: { version: "desc" } });
  if (!template) throw new NotFoundError("That consent form was not found.");
  return template;
}

/** Records the medical director's review of a completed visit's chart (once per visit). */
export async function recordChartReview(ctx: Ctx, input: { appointmentId: string; reviewer: string }) {
  const appointment = await ctx.db.appointment.findFirst({ where: { id: input.appointmentId, deletedAt: null }, select: { id: true, locationId: true, status: true } });
  if (!appointment) throw new NotFoundError("That appointment was not found.");
  if (appointment.status !== "showed") throw new UserError("not_completed", "Only a visit that took place (checked in) has a chart to review.");
  try {
    const row = await ctx.db.chartReview.create({ data: { organizationId: ctx.organization.id, locationId: appointment.locationId, appointmentId: appointment.id, reviewer: input.reviewer, reviewedAt: new Date() } });
    return { chartReviewId: row.id, appointmentId: appointment.id };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw new UserError("already_reviewed", "This chart has already been reviewed.");
    throw err;
  }
}

/** What the chart-review card of a completed visit shows: the review, if any, and who is expected to sign it. */
export async function findChartReviewCard(ctx: Pick<OrgContext, "db">, visit: { appointmentId: string; locationId: string }) {
  const [review, oversight] = await Promise.all([
    ctx.db.chartReview.findUnique({ where: { appointmentId: visit.appointmentId } }),
    ctx.db.clinicOversight.findUnique({ where: { locationId: visit.locationId }, select: { medicalDirector: true } }),
  ]);
  return { review, medicalDirector: oversight?.medicalDirector ?? null };
}
