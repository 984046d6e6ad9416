import { beforeAll, describe, expect, it } from "vitest";
import { prisma, resetDatabase } from "../support/db";
import { seedAgency, type SeededAgency } from "../support/tenants";
import { runDetectorsForOrg } from "@/lib/ops/runner";
import { gfeExpiringDetector } from "@/lib/ops/detectors/gfe-expiring";
import { consentMissingTomorrowDetector } from "@/lib/ops/detectors/consent-missing-tomorrow";
import { chartReviewsDetector } from "@/lib/ops/detectors/chart-reviews";

/** The three oversight detectors against real rows, with a fixed clock (3 Dec 2026, 9 AM in Chicago). */

const NOW = new Date("2026-12-03T15:00:00Z");
const D = 86_400_000;
const DETECTORS = [gfeExpiringDetector, consentMissingTomorrowDetector, chartReviewsDetector];
let A: SeededAgency;

async function appointment(contactId: string, startTime: Date, status: "new" | "showed" = "new", calendarId = "cal-iv") {
  return prisma.appointment.create({
    data: { organizationId: A.organization.id, locationId: A.clinics[0].id, externalId: `x-${Math.random()}`, calendarId, contactId, status, startTime, endTime: new Date(startTime.getTime() + 3_600_000), externalUpdatedAt: NOW },
  });
}

beforeAll(async () => {
  await resetDatabase();
  A = await seedAgency("q");
  const organizationId = A.organization.id;
  const locationId = A.clinics[0].id;
  await prisma.calendar.create({ data: { organizationId, locationId, ghlCalendarId: "cal-iv", name: "IV drips" } });
  await prisma.consentTemplate.create({ data: { organizationId, locationId, key: "iv-therapy", title: "IV therapy consent", version: 1, body: "…" } });
  await prisma.serviceRule.create({ data: { organizationId, locationId, ghlCalendarId: "cal-iv", gfeRequired: true, consentKey: "iv-therapy" } });
  await prisma.clinicOversight.create({ data: { organizationId, locationId, state: "TX", medicalDirector: "Dr Rivera", chartReviewPercent: 50 } });
  const patient = A.contacts[0]!;
  // Booked in 20 days; exam valid through 10 December.
  await prisma.gfeRecord.create({ data: { organizationId, locationId, contactId: patient.id, provider: "NP Chen", examinedOn: new Date("2025-12-11"), expiresOn: new Date("2026-12-10") } });
  await appointment(patient.id, new Date(NOW.getTime() + 20 * D));
  // Tomorrow 10 AM Chicago, no consent signed.
  await appointment(patient.id, new Date("2026-12-04T16:00:00Z"));
  // Four visits done this month, one chart reviewed: 50% means two due.
  for (const day of [1, 2]) for (const hour of [15, 17]) await appointment(patient.id, new Date(`2026-12-0${day}T${hour}:00:00Z`), "showed");
  await prisma.chartReview.create({ data: { organizationId, locationId, appointmentId: "any", reviewer: "Dr Rivera", reviewedAt: new Date("2026-12-02T20:00:00Z") } });
});

describe("oversight findings in the queue", () => {
  it("opens one of each: an expiring GFE, tomorrow's missing consent, chart reviews behind", async () => {
    const summary = await runDetectorsForOrg(A.organization, NOW, DETECTORS);
    expect(summary).toMatchObject({ failedDetectors: 0, opened: 3 });
    const findings = await prisma.finding.findMany({ where: { organizationId: A.organization.id }, orderBy: { kind: "asc" } });
    expect(findings.map((f) => [f.kind, f.severity])).toEqual([
      ["appointments.consent_missing", "high"],
      // The next visit (tomorrow) is still inside the exam's validity: renew before the one after.
      ["appointments.gfe_expiring", "medium"],
      ["oversight.chart_reviews_behind", "medium"],
    ]);
    expect(findings[2]!.title).toBe(`${A.clinics[0].name}: 1 chart review behind this month`);
  });

  it("resolve themselves once the paperwork is done (after two clean runs)", async () => {
    const organizationId = A.organization.id;
    const locationId = A.clinics[0].id;
    const patient = A.contacts[0]!;
    await prisma.gfeRecord.create({ data: { organizationId, locationId, contactId: patient.id, provider: "NP Chen", examinedOn: new Date("2026-12-02"), expiresOn: new Date("2027-12-01") } });
    await prisma.signedConsent.create({ data: { organizationId, locationId, contactId: patient.id, kind: "treatment", consentKey: "iv-therapy", templateVersion: 1, signedOn: new Date("2026-12-03") } });
    await prisma.chartReview.create({ data: { organizationId, locationId, appointmentId: "other", reviewer: "Dr Rivera", reviewedAt: new Date("2026-12-03T14:00:00Z") } });
    await runDetectorsForOrg(A.organization, NOW, DETECTORS);
    const second = await runDetectorsForOrg(A.organization, NOW, DETECTORS);
    expect(second.autoResolved).toBe(3);
    expect(await prisma.finding.count({ where: { organizationId, status: "open" } })).toBe(0);
  });
});
