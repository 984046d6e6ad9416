import { prisma } from "@/lib/db/client";
import type { SeededAgency } from "../../support/tenants";
import type { ActionCase, CrossTenantFeature, World } from "./types";

/** Each clinic gets a calendar with a rule, a consent template, and its patient an exam and a signed consent. */
async function seedOversight(agency: SeededAgency) {
  const organizationId = agency.organization.id;
  const tag = agency.organization.slug.slice(-6);
  for (const [i, clinic] of agency.clinics.entries()) {
    await prisma.calendar.create({ data: { organizationId, locationId: clinic.id, ghlCalendarId: `cal-${tag}-${i}`, name: `IV drips ${tag}${i}` } });
    await prisma.consentTemplate.create({ data: { organizationId, locationId: clinic.id, key: "iv-therapy", title: `Secret consent ${tag}${i}`, version: 1, body: "I consent." } });
    await prisma.serviceRule.create({ data: { organizationId, locationId: clinic.id, ghlCalendarId: `cal-${tag}-${i}`, gfeRequired: true, consentKey: "iv-therapy" } });
    await prisma.clinicOversight.create({ data: { organizationId, locationId: clinic.id, medicalDirector: `Dr Secret ${tag}${i}`, state: "TX" } });
  }
  for (const contact of agency.contacts) {
    await prisma.gfeRecord.create({ data: { organizationId, locationId: contact.locationId, contactId: contact.id, provider: `NP Secret ${tag}`, examinedOn: new Date("2026-06-01"), expiresOn: new Date("2027-05-31") } });
  }
  const visits = [];
  for (const clinic of agency.clinics) {
    const start = new Date(Date.now() - 86_400_000);
    visits.push(
      await prisma.appointment.create({
        data: { organizationId, locationId: clinic.id, externalId: `visit-${tag}-${clinic.id}`, calendarId: `cal-${tag}-0`, status: "showed", startTime: start, endTime: new Date(start.getTime() + 3_600_000), externalUpdatedAt: start },
      }),
    );
  }
  return { oversightCalendar: `cal-${tag}-0`, oversightDirector: `Dr Secret ${tag}0`, oversightVisits: visits.map((v) => ({ id: v.id, locationId: v.locationId })) };
}

const O = "actions/oversight/";
// Yesterday in UTC: never a future date in the seeded clinics' zone (America/Chicago), whose
// "today" is still yesterday's UTC date in the evening, when UTC's would be refused as future.
const today = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

function clinicSettingAttacks(w: World, key: string, input: (locationId: string) => Record<string, unknown>): ActionCase[] {
  const call = w.action(key);
  return [
    { who: "ownerA", attempt: "B's clinic via B's slug", call: () => call(w.B.organization.slug, input(w.B.clinics[0].id)) },
    { who: "adminA", attempt: "B's clinic via A's slug", call: () => call(w.A.organization.slug, input(w.B.clinics[0].id)) },
    { who: "staffA", attempt: "clinic staff change oversight rules", call: () => call(w.A.organization.slug, input(w.A.clinics[0].id)), refusals: ["forbidden"] },
    { who: "outsider", attempt: "a stranger", call: () => call(w.A.organization.slug, input(w.A.clinics[0].id)), refusals: ["not_found", "unauthenticated"] },
  ];
}

function patientAttacks(w: World, key: string, input: (contactId: string) => Record<string, unknown>): ActionCase[] {
  const call = w.action(key);
  const aOther = w.A.contacts.find((c) => c.locationId === w.A.clinics[1].id)!;
  return [
    { who: "ownerA", attempt: "B's patient via B's slug", call: () => call(w.B.organization.slug, input(w.B.contacts[0]!.id)) },
    { who: "adminA", attempt: "B's patient via A's slug", call: () => call(w.A.organization.slug, input(w.B.contacts[0]!.id)) },
    { who: "staffA", attempt: "a patient of a clinic staff may not see", call: () => call(w.A.organization.slug, input(aOther.id)) },
    { who: "outsider", attempt: "a stranger", call: () => call(w.A.organization.slug, input(w.A.contacts[0]!.id)), refusals: ["not_found", "unauthenticated"] },
  ];
}

export const oversight: CrossTenantFeature = {
  seed: seedOversight,
  secrets: (agency, extra) => [extra.oversightDirector as string, ...agency.clinics.map((_, i) => `Secret consent ${agency.organization.slug.slice(-6)}${i}`), `NP Secret ${agency.organization.slug.slice(-6)}`],
  snapshot: async (organizationId) => ({
    oversight: await prisma.clinicOversight.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    rules: await prisma.serviceRule.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    templates: await prisma.consentTemplate.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    gfes: await prisma.gfeRecord.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    consents: await prisma.signedConsent.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    chartReviews: await prisma.chartReview.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
  }),
  actions: {
    [`${O}save-oversight.ts#saveOversightAction`]: (w) =>
      clinicSettingAttacks(w, `${O}save-oversight.ts#saveOversightAction`, (locationId) => ({ locationId, state: "CA", medicalDirector: "Dr Mallory", providers: [], chartReviewPercent: 10, chartReviewMinimum: null, services: [] })),
    [`${O}publish-consent-template.ts#publishConsentTemplateAction`]: (w) =>
      clinicSettingAttacks(w, `${O}publish-consent-template.ts#publishConsentTemplateAction`, (locationId) => ({ locationId, key: "iv-therapy", title: "Mallory consent", body: "Mallory", fileId: null })),
    [`${O}record-gfe.ts#recordGfeAction`]: (w) => patientAttacks(w, `${O}record-gfe.ts#recordGfeAction`, (contactId) => ({ contactId, provider: "NP Mallory", examinedOn: today(), ghlCalendarId: null, fileId: null })),
    [`${O}record-chart-review.ts#recordChartReviewAction`]: (w) => {
      const call = w.action(`${O}record-chart-review.ts#recordChartReviewAction`);
      const visitsOf = (who: "A" | "B") => w.extra[who].oversightVisits as Array<{ id: string; locationId: string }>;
      return [
        { who: "ownerA", attempt: "review B's visit via B's slug", call: () => call(w.B.organization.slug, { appointmentId: visitsOf("B")[0]!.id, reviewer: "Dr Mallory" }) },
        { who: "adminA", attempt: "review B's visit via A's slug", call: () => call(w.A.organization.slug, { appointmentId: visitsOf("B")[0]!.id, reviewer: "Dr Mallory" }) },
        { who: "staffA", attempt: "clinic staff record a chart review", call: () => call(w.A.organization.slug, { appointmentId: visitsOf("A")[0]!.id, reviewer: "Dr Mallory" }), refusals: ["forbidden"] },
        { who: "outsider", attempt: "a stranger", call: () => call(w.A.organization.slug, { appointmentId: visitsOf("A")[0]!.id, reviewer: "Dr Mallory" }), refusals: ["not_found", "unauthenticated"] },
      ];
    },
    [`${O}record-consent.ts#recordConsentAction`]: (w) => [
      ...patientAttacks(w, `${O}record-consent.ts#recordConsentAction`, (contactId) => ({ contactId, kind: "photo", consentKey: null, signedOn: today(), witness: null, fileId: "fnonexistent" })),
      {
        who: "ownerA",
        attempt: "attach B's file to A's patient (id swap)",
        call: () => w.action(`${O}record-consent.ts#recordConsentAction`)(w.A.organization.slug, { contactId: w.A.contacts[0]!.id, kind: "photo", consentKey: null, signedOn: today(), witness: null, fileId: (w.extra.B.files as Array<{ id: string }>)[0]!.id }),
      },
      {
        who: "staffA",
        attempt: "attach the other clinic's file to their own patient",
        call: () =>
          w.action(`${O}record-consent.ts#recordConsentAction`)(w.A.organization.slug, {
            contactId: w.A.contacts[0]!.id,
            kind: "photo",
            consentKey: null,
            signedOn: today(),
            witness: null,
            fileId: (w.extra.A.files as Array<{ id: string; locationId: string }>).find((f) => f.locationId === w.A.clinics[1].id)!.id,
          }),
      },
    ],
  },
};
