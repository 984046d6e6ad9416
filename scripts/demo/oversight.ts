import type { Prisma } from "@/lib/generated/prisma/client";
import { DEMO_AGENCY, type DemoAppointment } from "@/scripts/demo/data";
import { addDays, gfeExpiresOn } from "@/lib/oversight/checks";
import { zonedDateKey, zonedDayRange } from "@/lib/time/zoned";

/**
 * The medical-oversight demo: Austin (Texas) and Miami (Florida) each have a medical director,
 * providers, a chart-review requirement and a rule that their IV calendar needs a good-faith exam
 * and the IV therapy consent. Their patients have exams and signed consents on file, except:
 * the first patient still waiting on Austin's schedule today has not signed the current consent
 * (the Today tab warns, and the front desk can photograph the form), and an Austin patient booked
 * ahead has an exam running out within the week (a queue finding). Records carry no files: the
 * demo's storage starts empty.
 */

export const DEMO_OVERSIGHT_CLINICS = [
  { locationId: "loc_austin", state: "TX", timezone: "America/Chicago", medicalDirector: "Dr. Elena Ruiz, MD", providers: ["Maya Patel, NP", "Chris Owens, RN"], chartReviewPercent: 10, chartReviewMinimum: 12 },
  { locationId: "loc_miami", state: "FL", timezone: "America/New_York", medicalDirector: "Dr. Marcus Hale, DO", providers: ["Lena Ortiz, PA-C"], chartReviewPercent: 5, chartReviewMinimum: null },
] as const;

const CONSENT_V1 = "I consent to intravenous therapy. The provider has explained the expected benefits, the risks (bruising, infiltration, phlebitis, allergic reaction) and the alternatives, and I may stop treatment at any time.";
const CONSENT_V2 = `${CONSENT_V1} I confirm that I disclosed my medications, allergies and medical conditions, and that a good-faith exam was performed before my first treatment.`;

const dateOf = (key: string) => new Date(`${key}T00:00:00.000Z`);

export function demoOversight(appointments: DemoAppointment[], now: Date) {
  const organizationId = DEMO_AGENCY.id;
  const oversight: Prisma.ClinicOversightCreateManyInput[] = DEMO_OVERSIGHT_CLINICS.map(({ timezone: _tz, ...c }) => ({ id: `ovs_${c.locationId.slice(4)}`, organizationId, ...c, providers: [...c.providers] }));
  const templates: Prisma.ConsentTemplateCreateManyInput[] = [
    { id: "ct_austin_iv_1", organizationId, locationId: "loc_austin", key: "iv-therapy", title: "IV therapy consent", version: 1, body: CONSENT_V1, createdByUserId: "usr_agency_admin", createdAt: new Date(now.getTime() - 200 * 86_400_000) },
    { id: "ct_austin_iv_2", organizationId, locationId: "loc_austin", key: "iv-therapy", title: "IV therapy consent", version: 2, body: CONSENT_V2, createdByUserId: "usr_agency_admin", createdAt: new Date(now.getTime() - 60 * 86_400_000) },
    { id: "ct_miami_iv_1", organizationId, locationId: "loc_miami", key: "iv-therapy", title: "IV therapy consent", version: 1, body: CONSENT_V1, createdByUserId: "usr_agency_admin", createdAt: new Date(now.getTime() - 120 * 86_400_000) },
  ];
  const rules: Prisma.ServiceRuleCreateManyInput[] = DEMO_OVERSIGHT_CLINICS.map((c) => ({ id: `sr_${c.locationId.slice(4)}_iv`, organizationId, locationId: c.locationId, ghlCalendarId: `demo-calendar-${c.locationId.slice(4)}`, gfeRequired: true, gfeValidityDays: null, consentKey: "iv-therapy" }));

  const austin = DEMO_OVERSIGHT_CLINICS[0];
  const today = zonedDayRange(austin.timezone, now);
  const todays = appointments.filter((a) => a.locationId === austin.locationId && a.startTime >= today.start && a.startTime < today.end).sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  // The first visit still waiting; late in the evening, the day's first visit (treated without a consent on file).
  const missingConsent = (todays.find((a) => (a.status === "new" || a.status === "confirmed") && a.endTime > now) ?? todays[0])?.contactId ?? null;
  const ahead = appointments
    .filter((a) => a.locationId === austin.locationId && a.contactId !== missingConsent && a.startTime.getTime() > now.getTime() + 3 * 86_400_000 && a.startTime.getTime() < now.getTime() + 30 * 86_400_000 && (a.status === "new" || a.status === "confirmed"))
    .sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  const expiringGfe = ahead[0]?.contactId ?? null;

  const gfes: Prisma.GfeRecordCreateManyInput[] = [];
  const consents: Prisma.SignedConsentCreateManyInput[] = [];
  for (const clinic of DEMO_OVERSIGHT_CLINICS) {
    const todayKey = zonedDateKey(now, clinic.timezone);
    const contacts = [...new Set(appointments.filter((a) => a.locationId === clinic.locationId).map((a) => a.contactId))].sort();
    const version = clinic.locationId === "loc_austin" ? 2 : 1;
    for (const [i, contactId] of contacts.entries()) {
      const suffix = contactId.slice(4);
      // Exams spread over the last ten months; the one patient's runs out in six days.
      const examinedOn = contactId === expiringGfe ? addDays(todayKey, -359) : addDays(todayKey, -(20 + (i % 300)));
      gfes.push({ id: `gfe_${suffix}`, organizationId, locationId: clinic.locationId, contactId, provider: clinic.providers[i % clinic.providers.length]!, examinedOn: dateOf(examinedOn), expiresOn: dateOf(gfeExpiresOn(examinedOn, 365)), recordedByUserId: "usr_agency_admin" });
      if (contactId !== missingConsent) {
        consents.push({ id: `sc_${suffix}`, organizationId, locationId: clinic.locationId, contactId, kind: "treatment", consentKey: "iv-therapy", templateVersion: version, signedOn: dateOf(addDays(todayKey, -(10 + (i % 50)))), witness: i % 3 === 0 ? "Front desk" : null, recordedByUserId: "usr_staff_austin" });
      }
      if (i % 4 === 0) consents.push({ id: `spc_${suffix}`, organizationId, locationId: clinic.locationId, contactId, kind: "photo", signedOn: dateOf(addDays(todayKey, -(10 + (i % 50)))), recordedByUserId: "usr_staff_austin" });
    }
  }

  // A few of this month's completed Austin visits reviewed: fewer than the protocol asks.
  const reviewed = appointments.filter((a) => a.locationId === austin.locationId && a.status === "showed" && a.startTime < now && now.getTime() - a.startTime.getTime() < 20 * 86_400_000).slice(0, 2);
  const chartReviews: Prisma.ChartReviewCreateManyInput[] = reviewed.map((a) => ({ id: `cr_${a.id.slice(4)}`, organizationId, locationId: a.locationId, appointmentId: a.id, reviewer: austin.medicalDirector, reviewedAt: new Date(Math.min(now.getTime(), a.startTime.getTime() + 86_400_000)) }));

  return { oversight, templates, rules, gfes, consents, chartReviews, missingConsent, expiringGfe };
}
