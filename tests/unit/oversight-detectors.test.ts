import { describe, expect, it } from "vitest";
import { gfeExpiringRule, type GfeExpiringPatient } from "@/lib/ops/detectors/gfe-expiring";
import { consentMissingTomorrowRule, type ConsentVisit } from "@/lib/ops/detectors/consent-missing-tomorrow";
import { chartReviewsRule, monthWindow, type ChartReviewClinic } from "@/lib/ops/detectors/chart-reviews";

const now = new Date("2026-12-03T15:00:00Z"); // 9 AM in Chicago
const orgSlug = "acme";
const D = 86_400_000;

describe("GFEs expiring for patients booked ahead", () => {
  const patient = (expiresOn: string | null, visitInDays: number): GfeExpiringPatient => ({
    contactId: "c1", locationId: "loc1", clinicName: "Austin", timezone: "America/Chicago", patient: "Ana Diaz",
    nextVisit: { id: "a1", startTime: new Date(now.getTime() + visitInDays * D) }, gfes: expiresOn ? [{ expiresOn }] : [],
  });
  it("reports an exam ending within 14 days, high when it ends before the visit", () => {
    const [before] = gfeExpiringRule({ patients: [patient("2026-12-10", 20)], now, orgSlug });
    expect(before).toMatchObject({ kind: "appointments.gfe_expiring", subjectKey: "c1", severity: "high", title: "Ana Diaz: good-faith exam expires 2026-12-10" });
    const [after] = gfeExpiringRule({ patients: [patient("2026-12-10", 2)], now, orgSlug });
    expect(after).toMatchObject({ severity: "medium" });
  });
  it("leaves alone exams valid past 14 days, already expired ones (the desk warns) and patients without one", () => {
    expect(gfeExpiringRule({ patients: [patient("2026-12-18", 30), patient("2026-12-02", 3), patient(null, 3)], now, orgSlug })).toEqual([]);
    expect(gfeExpiringRule({ patients: [patient("2026-12-17", 30)], now, orgSlug })).toHaveLength(1);
  });
  it("uses the newest exam when there are several", () => {
    const p = { ...patient("2026-12-05", 10), gfes: [{ expiresOn: "2026-12-05" }, { expiresOn: "2027-11-30" }] };
    expect(gfeExpiringRule({ patients: [p], now, orgSlug })).toEqual([]);
  });
});

describe("tomorrow's visits missing a consent", () => {
  const visit = (startTime: Date, consents: ConsentVisit["records"]["consents"] = [], timezone = "America/Chicago"): ConsentVisit => ({
    id: "a1", locationId: "loc1", clinicName: "Austin", timezone, patient: "Ana Diaz", startTime,
    rule: { ghlCalendarId: "cal", gfeRequired: true, gfeValidityDays: null, consentKey: "iv" },
    template: { key: "iv", title: "IV consent", version: 2 }, records: { gfes: [], consents },
  });
  it("reports tomorrow in the clinic's timezone, not today or the day after", () => {
    const tomorrowMorning = new Date("2026-12-04T16:00:00Z");
    expect(consentMissingTomorrowRule({ visits: [visit(tomorrowMorning)], now, orgSlug })).toMatchObject([{ kind: "appointments.consent_missing", subjectKey: "a1", severity: "high" }]);
    expect(consentMissingTomorrowRule({ visits: [visit(new Date("2026-12-03T22:00:00Z")), visit(new Date("2026-12-05T16:00:00Z"))], now, orgSlug })).toEqual([]);
    // 11 PM on the 4th in Chicago is the 5th in UTC: still tomorrow for the clinic.
    expect(consentMissingTomorrowRule({ visits: [visit(new Date("2026-12-05T05:00:00Z"))], now, orgSlug })).toHaveLength(1);
  });
  it("says out of date for an earlier version, and nothing once the current one is signed; a GFE is not its business", () => {
    const at = new Date("2026-12-04T16:00:00Z");
    expect(consentMissingTomorrowRule({ visits: [visit(at, [{ kind: "treatment", consentKey: "iv", templateVersion: 1 }])], now, orgSlug })[0]!.title).toContain("consent out of date");
    expect(consentMissingTomorrowRule({ visits: [visit(at, [{ kind: "treatment", consentKey: "iv", templateVersion: 2 }])], now, orgSlug })).toEqual([]);
  });
});

describe("chart reviews behind", () => {
  const clinic = (overrides: Partial<ChartReviewClinic>): ChartReviewClinic => ({
    id: "loc1", name: "Austin", timezone: "America/Chicago", medicalDirector: "Dr Rivera", chartReviewPercent: 10, chartReviewMinimum: null, visits: 40, reviewed: 0, ...overrides,
  });
  it("reports reviews due by now under the percentage", () => {
    const [f] = chartReviewsRule({ clinics: [clinic({ reviewed: 1 })], now, orgSlug });
    expect(f).toMatchObject({ kind: "oversight.chart_reviews_behind", subjectKey: "clinic", severity: "medium", title: "Austin: 3 chart reviews behind this month" });
    expect(chartReviewsRule({ clinics: [clinic({ reviewed: 4 })], now, orgSlug })).toEqual([]);
  });
  it("pro-rates the monthly minimum by the days gone, and is high in the month's last fifth", () => {
    const early = chartReviewsRule({ clinics: [clinic({ chartReviewPercent: null, chartReviewMinimum: 30, visits: 40, reviewed: 2 })], now, orgSlug });
    // Dec 3, 9 AM: 2.375 of 31 days gone → ceil(30 × 0.077) = 3 due.
    expect(early[0]!.title).toBe("Austin: 1 chart review behind this month");
    const late = chartReviewsRule({ clinics: [clinic({ reviewed: 0 })], now: new Date("2026-12-29T15:00:00Z"), orgSlug });
    expect(late[0]!.severity).toBe("high");
  });
  it("asks nothing of a clinic without a requirement", () => {
    expect(chartReviewsRule({ clinics: [clinic({ chartReviewPercent: null, chartReviewMinimum: null })], now, orgSlug })).toEqual([]);
  });
  it("takes the month in the clinic's timezone", () => {
    const w = monthWindow(new Date("2026-12-01T03:00:00Z"), "America/Chicago");
    expect(w.start.toISOString()).toBe("2026-11-01T05:00:00.000Z");
  });
});
