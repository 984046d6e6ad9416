import "server-only";
import type { z } from "zod";
import type { OrgContext } from "@/lib/auth/context";
import { NotFoundError, UserError } from "@/lib/errors";
import { gfeExpiresOn, gfeValidityDays, visitWarnings, type PatientRecords, type VisitWarning } from "@/lib/oversight/checks";
import { currentTemplates, requireTemplate } from "@/lib/oversight/rules";
import type { ZGfeInput, ZSignedConsentInput } from "@/lib/oversight/schemas";
import { claimUpload, fileHref } from "@/lib/storage/files";
import { zonedDateKey } from "@/lib/time/zoned";

type Ctx = Pick<OrgContext, "db" | "clinicIds" | "organization" | "user" | "role" | "impersonator">;

export const toDateKey = (date: Date) => date.toISOString().slice(0, 10);
const fromDateKey = (key: string) => new Date(`${key}T00:00:00.000Z`);

async function requireContact(ctx: Pick<OrgContext, "db">, contactId: string) {
  const contact = await ctx.db.contact.findFirst({ where: { id: contactId, deletedAt: null }, select: { id: true, locationId: true, location: { select: { timezone: true } } } });
  if (!contact) throw new NotFoundError("That patient was not found.");
  return contact;
}

/** Records a good-faith exam; its expiry follows the service's period, else the clinic state's default. */
export async function recordGfe(ctx: Ctx, input: z.output<typeof ZGfeInput>) {
  const contact = await requireContact(ctx, input.contactId);
  const today = zonedDateKey(new Date(), contact.location.timezone);
  if (input.examinedOn > today) throw new UserError("invalid_input", "The exam date cannot be in the future.", "examinedOn");
  const [oversight, rule] = await Promise.all([
    ctx.db.clinicOversight.findUnique({ where: { locationId: contact.locationId }, select: { state: true } }),
    input.ghlCalendarId ? ctx.db.serviceRule.findUnique({ where: { locationId_ghlCalendarId: { locationId: contact.locationId, ghlCalendarId: input.ghlCalendarId } } }) : null,
  ]);
  const expiresOn = gfeExpiresOn(input.examinedOn, gfeValidityDays(rule, oversight?.state ?? null));
  const file = input.fileId ? await claimUpload(ctx, input.fileId, { purpose: "gfe", locationId: contact.locationId }) : null;
  const row = await ctx.db.gfeRecord.create({
    data: { organizationId: ctx.organization.id, locationId: contact.locationId, contactId: contact.id, provider: input.provider, examinedOn: fromDateKey(input.examinedOn), expiresOn: fromDateKey(expiresOn), fileId: file?.id ?? null, recordedByUserId: ctx.user.id },
  });
  return { gfeId: row.id, expiresOn };
}

/** Records a signed consent with its file: a treatment consent names the template version current today. */
export async function recordConsent(ctx: Ctx, input: z.output<typeof ZSignedConsentInput>) {
  const contact = await requireContact(ctx, input.contactId);
  if (input.signedOn > zonedDateKey(new Date(), contact.location.timezone)) throw new UserError("invalid_input", "The signing date cannot be in the future.", "signedOn");
  let template: { key: string; version: number } | null = null;
  if (input.kind === "treatment") {
    if (!input.consentKey) throw new UserError("invalid_input", "Choose which consent form was signed.", "consentKey");
    template = await requireTemplate(ctx, contact.locationId, input.consentKey);
  }
  const file = await claimUpload(ctx, input.fileId, { purpose: "consent", locationId: contact.locationId });
  const row = await ctx.db.signedConsent.create({
    data: {
      organizationId: ctx.organization.id,
      locationId: contact.locationId,
      contactId: contact.id,
      kind: input.kind,
      consentKey: template?.key ?? null,
      templateVersion: template?.version ?? null,
      signedOn: fromDateKey(input.signedOn),
      witness: input.witness,
      fileId: file.id,
      recordedByUserId: ctx.user.id,
    },
  });
  return { consentId: row.id, version: template?.version ?? null };
}

/** A patient's exams and consents, newest first, for the contact page. */
export async function patientDocuments(ctx: Pick<OrgContext, "db">, contactId: string) {
  const [gfes, consents] = await Promise.all([
    ctx.db.gfeRecord.findMany({ where: { contactId }, orderBy: { examinedOn: "desc" } }),
    ctx.db.signedConsent.findMany({ where: { contactId }, orderBy: { signedOn: "desc" } }),
  ]);
  return {
    gfes: gfes.map((g) => ({ id: g.id, provider: g.provider, examinedOn: toDateKey(g.examinedOn), expiresOn: toDateKey(g.expiresOn), fileId: g.fileId })),
    consents: consents.map((c) => ({ id: c.id, kind: c.kind, consentKey: c.consentKey, templateVersion: c.templateVersion, signedOn: toDateKey(c.signedOn), witness: c.witness, fileId: c.fileId })),
  };
}

/** The records and rules behind the check-in warnings of some appointments of one clinic. */
export async function visitChecks(
  ctx: Pick<OrgContext, "db">,
  clinic: { id: string; timezone: string },
  appointments: Array<{ id: string; startTime: Date; calendarId: string | null; contactId: string | null }>,
): Promise<Map<string, VisitWarning[]>> {
  const result = new Map<string, VisitWarning[]>();
  const calendarIds = [...new Set(appointments.map((a) => a.calendarId).filter((id): id is string => Boolean(id)))];
  const rules = calendarIds.length ? await ctx.db.serviceRule.findMany({ where: { locationId: clinic.id, ghlCalendarId: { in: calendarIds } } }) : [];
  if (rules.length === 0) return result;
  const ruleOf = new Map(rules.map((r) => [r.ghlCalendarId, r]));
  const contactIds = [...new Set(appointments.filter((a) => a.calendarId && ruleOf.has(a.calendarId)).map((a) => a.contactId).filter((id): id is string => Boolean(id)))];
  const [templates, gfes, consents] = await Promise.all([
    currentTemplates(ctx, [clinic.id]),
    ctx.db.gfeRecord.findMany({ where: { contactId: { in: contactIds } }, select: { contactId: true, expiresOn: true } }),
    ctx.db.signedConsent.findMany({ where: { contactId: { in: contactIds } }, select: { contactId: true, kind: true, consentKey: true, templateVersion: true } }),
  ]);
  const recordsOf = (contactId: string): PatientRecords => ({
    gfes: gfes.filter((g) => g.contactId === contactId).map((g) => ({ expiresOn: toDateKey(g.expiresOn) })),
    consents: consents.filter((c) => c.contactId === contactId),
  });
  for (const appointment of appointments) {
    const rule = appointment.calendarId ? ruleOf.get(appointment.calendarId) : undefined;
    if (!rule || !appointment.contactId) continue;
    const template = rule.consentKey ? (templates.get(clinic.id)?.get(rule.consentKey) ?? null) : null;
    const warnings = visitWarnings({ startTime: appointment.startTime, timezone: clinic.timezone, rule, template, records: recordsOf(appointment.contactId) });
    if (warnings.length) result.set(appointment.id, warnings);
  }
  return result;
}

/** The contact page's paperwork section: records with download links, the clinic's current forms and its services. */
export async function patientRecordsView(ctx: Pick<OrgContext, "db" | "organization">, contact: { id: string; locationId: string; timezone: string }) {
  const [docs, templates, calendars] = await Promise.all([
    patientDocuments(ctx, contact.id),
    currentTemplates(ctx, [contact.locationId]),
    ctx.db.calendar.findMany({ where: { locationId: contact.locationId, isActive: true }, orderBy: { name: "asc" }, select: { ghlCalendarId: true, name: true } }),
  ]);
  const current = templates.get(contact.locationId) ?? new Map();
  const href = (fileId: string | null) => (fileId ? fileHref(ctx.organization.slug, fileId) : null);
  const photo = docs.consents.find((c) => c.kind === "photo");
  return {
    locationId: contact.locationId,
    contactId: contact.id,
    today: zonedDateKey(new Date(), contact.timezone),
    gfes: docs.gfes.map((g) => ({ id: g.id, provider: g.provider, examinedOn: g.examinedOn, expiresOn: g.expiresOn, href: href(g.fileId) })),
    consents: docs.consents
      .filter((c) => c.kind === "treatment")
      .map((c) => {
        const template = c.consentKey ? current.get(c.consentKey) : undefined;
        return { id: c.id, label: `${template?.title ?? c.consentKey} (version ${c.templateVersion})`, signedOn: c.signedOn, witness: c.witness, current: template ? template.version === c.templateVersion : null, href: href(c.fileId) };
      }),
    photoConsent: photo ? { signedOn: photo.signedOn, href: href(photo.fileId) } : null,
    templates: [...current.values()].map((t) => ({ key: t.key, title: t.title, version: t.version })),
    services: calendars,
  };
}
