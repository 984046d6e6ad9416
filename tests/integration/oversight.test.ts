import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma, resetDatabase } from "../support/db";
import { actAs, signInAs } from "../support/auth";
import { seedAgency, type SeededAgency } from "../support/tenants";
import { startS3Sandbox, type S3Sandbox } from "../sandboxes/s3";
import { setStorageDriver } from "@/lib/storage";
import { s3Driver } from "@/lib/storage/s3";
import { forOrg } from "@/lib/db";
import { requestUploadAction } from "@/actions/files/request-upload";
import { saveOversightAction } from "@/actions/oversight/save-oversight";
import { publishConsentTemplateAction } from "@/actions/oversight/publish-consent-template";
import { recordGfeAction } from "@/actions/oversight/record-gfe";
import { recordConsentAction } from "@/actions/oversight/record-consent";
import { visitChecks } from "@/lib/oversight/patients";
import { zonedDateKey } from "@/lib/time/zoned";
import { addDays } from "@/lib/oversight/checks";

vi.mock("@/lib/auth/request", () => ({ requestHeaders: vi.fn() }));

let s3: S3Sandbox;
let A: SeededAgency;
let owner: Headers;
let staff: Headers;
let clinic: SeededAgency["clinics"][0];
let patient: SeededAgency["contacts"][0];
const CAL = "cal-iv";
const CAL_FREE = "cal-consult";

type Result = { ok: true; data: Record<string, unknown> } | { ok: false; code: string; error: string; fieldErrors?: Record<string, string[]> };
const as = async (who: Headers, fn: () => Promise<unknown>) => {
  actAs(who);
  return (await fn()) as Result;
};

async function uploadForm(who: Headers, body = "photo of a signed form") {
  const signed = await as(who, () => requestUploadAction(A.organization.slug, { locationId: clinic.id, purpose: "consent", filename: "IMG_0001.jpg", contentType: "image/jpeg", size: Buffer.byteLength(body) }));
  if (!signed.ok) throw new Error(signed.error);
  const data = signed.data as { fileId: string; url: string; headers: Record<string, string> };
  expect((await fetch(data.url, { method: "PUT", headers: data.headers, body })).status).toBe(200);
  return data.fileId;
}

const oversightInput = (services: Array<{ ghlCalendarId: string; gfeRequired: boolean; gfeValidityDays: number | null; consentKey: string | null }>) => ({ locationId: clinic.id, state: "TX", medicalDirector: "Dr. Rivera", providers: ["NP Chen"], chartReviewPercent: 10, chartReviewMinimum: 5, services });

async function checksNow(startTime = new Date(Date.now() + 3_600_000)) {
  const appointment = await prisma.appointment.create({
    data: { organizationId: A.organization.id, locationId: clinic.id, externalId: `ext-${Math.random()}`, calendarId: CAL, contactId: patient.id, startTime, endTime: new Date(startTime.getTime() + 3_600_000), externalUpdatedAt: new Date() },
  });
  const warnings = await visitChecks({ db: forOrg(A.organization.id) }, clinic, [{ id: appointment.id, startTime, calendarId: CAL, contactId: patient.id }]);
  return (warnings.get(appointment.id) ?? []).map((w) => w.kind);
}

beforeAll(async () => {
  await resetDatabase();
  s3 = await startS3Sandbox();
  setStorageDriver(s3Driver({ bucket: s3.bucket, region: s3.region, endpoint: s3.url, forcePathStyle: true, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }));
  A = await seedAgency("ov");
  clinic = A.clinics[0];
  patient = A.contacts[0]!;
  await prisma.calendar.createMany({
    data: [
      { organizationId: A.organization.id, locationId: clinic.id, ghlCalendarId: CAL, name: "IV drips" },
      { organizationId: A.organization.id, locationId: clinic.id, ghlCalendarId: CAL_FREE, name: "Consultation" },
    ],
  });
  owner = await signInAs(A.owner.user.email);
  staff = await signInAs(A.staff.user.email);
});

afterAll(async () => {
  setStorageDriver(null);
  await s3.stop();
});

describe("oversight rules", () => {
  it("refuses a rule naming a consent form that was never published, and stores nothing", async () => {
    const result = await as(owner, () => saveOversightAction(A.organization.slug, oversightInput([{ ghlCalendarId: CAL, gfeRequired: true, gfeValidityDays: null, consentKey: "iv-therapy" }])));
    expect(result.ok ? "ok" : result.code).toBe("invalid_input");
    expect(!result.ok && result.fieldErrors?.["services.0.consentKey"]).toBeTruthy();
    expect(await prisma.clinicOversight.count()).toBe(0);
    expect(await prisma.serviceRule.count()).toBe(0);
  });

  it("refuses a calendar of another clinic", async () => {
    const result = await as(owner, () => saveOversightAction(A.organization.slug, oversightInput([{ ghlCalendarId: "not-here", gfeRequired: true, gfeValidityDays: null, consentKey: null }])));
    expect(result.ok ? "ok" : result.code).toBe("invalid_input");
    expect(await prisma.clinicOversight.count()).toBe(0);
  });

  it("publishes versioned consent forms and saves the rules, audited", async () => {
    const v1 = await as(owner, () => publishConsentTemplateAction(A.organization.slug, { locationId: clinic.id, key: "iv-therapy", title: "IV therapy consent", body: "Risks of IV therapy…", fileId: null }));
    expect(v1.ok && v1.data.version).toBe(1);
    const saved = await as(owner, () =>
      saveOversightAction(A.organization.slug, oversightInput([
        { ghlCalendarId: CAL, gfeRequired: true, gfeValidityDays: 30, consentKey: "iv-therapy" },
        { ghlCalendarId: CAL_FREE, gfeRequired: false, gfeValidityDays: null, consentKey: null },
      ])),
    );
    expect(saved.ok).toBe(true);
    expect(await prisma.serviceRule.findMany({ select: { ghlCalendarId: true } })).toEqual([{ ghlCalendarId: CAL }]);
    expect(await prisma.auditLog.count({ where: { action: "oversight.save", outcome: "success" } })).toBe(1);
    const denied = await as(staff, () => saveOversightAction(A.organization.slug, oversightInput([])));
    expect(denied.ok ? "ok" : denied.code).toBe("forbidden");
  });
});

describe("GFE records", () => {
  it("expire by the service's period, else the clinic state's default", async () => {
    const withService = await as(staff, () => recordGfeAction(A.organization.slug, { contactId: patient.id, provider: "NP Chen", examinedOn: "2026-11-01", ghlCalendarId: CAL, fileId: null }));
    expect(withService.ok && withService.data.expiresOn).toBe("2026-11-30");
    const byState = await as(staff, () => recordGfeAction(A.organization.slug, { contactId: patient.id, provider: "NP Chen", examinedOn: "2026-11-01", ghlCalendarId: null, fileId: null }));
    expect(byState.ok && byState.data.expiresOn).toBe("2027-10-31");
    await prisma.gfeRecord.deleteMany({});
  });

  it("refuses an exam dated in the clinic's future", async () => {
    const tomorrow = addDays(zonedDateKey(new Date(), clinic.timezone), 1);
    const result = await as(staff, () => recordGfeAction(A.organization.slug, { contactId: patient.id, provider: "NP Chen", examinedOn: tomorrow, ghlCalendarId: null, fileId: null }));
    expect(result.ok ? "ok" : result.code).toBe("invalid_input");
    expect(await prisma.gfeRecord.count()).toBe(0);
  });
});

describe("check-in warnings", () => {
  it("warn of a missing GFE and consent, then an expired GFE judged in the clinic's timezone", async () => {
    expect(await checksNow()).toEqual(["gfe_missing", "consent_missing"]);
    const today = zonedDateKey(new Date(), clinic.timezone);
    // Examined 30 days before yesterday: with a 30-day period it was valid through yesterday.
    await as(staff, () => recordGfeAction(A.organization.slug, { contactId: patient.id, provider: "NP Chen", examinedOn: addDays(today, -30), ghlCalendarId: CAL, fileId: null }));
    expect(await checksNow()).toEqual(["gfe_expired", "consent_missing"]);
    await as(staff, () => recordGfeAction(A.organization.slug, { contactId: patient.id, provider: "NP Chen", examinedOn: today, ghlCalendarId: CAL, fileId: null }));
    expect(await checksNow()).toEqual(["consent_missing"]);
  });

  it("a photographed signed form clears the consent warning; a new version brings it back", async () => {
    const fileId = await uploadForm(staff);
    const recorded = await as(staff, () => recordConsentAction(A.organization.slug, { contactId: patient.id, kind: "treatment", consentKey: "iv-therapy", signedOn: zonedDateKey(new Date(), clinic.timezone), witness: "Front desk", fileId }));
    expect(recorded.ok && recorded.data.version).toBe(1);
    expect((await prisma.storedFile.findUniqueOrThrow({ where: { id: fileId } })).status).toBe("stored");
    expect(await checksNow()).toEqual([]);

    await as(owner, () => publishConsentTemplateAction(A.organization.slug, { locationId: clinic.id, key: "iv-therapy", title: "IV therapy consent", body: "Revised risks…", fileId: null }));
    expect(await checksNow()).toEqual(["consent_outdated"]);
  });

  it("photo consent is kept apart and does not satisfy a treatment consent", async () => {
    const fileId = await uploadForm(staff, "photo consent");
    const result = await as(staff, () => recordConsentAction(A.organization.slug, { contactId: patient.id, kind: "photo", consentKey: null, signedOn: zonedDateKey(new Date(), clinic.timezone), witness: null, fileId }));
    expect(result.ok).toBe(true);
    expect(await checksNow()).toEqual(["consent_outdated"]);
  });

  it("a consent without its uploaded file is refused and nothing is recorded", async () => {
    const before = await prisma.signedConsent.count();
    const signed = await as(staff, () => requestUploadAction(A.organization.slug, { locationId: clinic.id, purpose: "consent", filename: "never-sent.jpg", contentType: "image/jpeg", size: 10 }));
    const fileId = signed.ok ? (signed.data.fileId as string) : "";
    const result = await as(staff, () => recordConsentAction(A.organization.slug, { contactId: patient.id, kind: "treatment", consentKey: "iv-therapy", signedOn: zonedDateKey(new Date(), clinic.timezone), witness: null, fileId }));
    expect(result.ok ? "ok" : result.code).toBe("upload_missing");
    expect(await prisma.signedConsent.count()).toBe(before);
  });
});

describe("consent forms as PDFs", () => {
  it("publish with the clinic's own PDF, stored under the clinic's prefix; clinic staff cannot upload one", async () => {
    const body = "%PDF-1.7 clinic consent";
    const signed = await as(owner, () => requestUploadAction(A.organization.slug, { locationId: clinic.id, purpose: "consent_template", filename: "consent.pdf", contentType: "application/pdf", size: Buffer.byteLength(body) }));
    if (!signed.ok) throw new Error(signed.error);
    const data = signed.data as { fileId: string; url: string; headers: Record<string, string> };
    expect((await fetch(data.url, { method: "PUT", headers: data.headers, body })).status).toBe(200);
    const published = await as(owner, () => publishConsentTemplateAction(A.organization.slug, { locationId: clinic.id, key: "photo-release", title: "Photo release", body: null, fileId: data.fileId }));
    expect(published.ok && published.data.version).toBe(1);
    expect((await prisma.consentTemplate.findFirstOrThrow({ where: { key: "photo-release" } })).fileId).toBe(data.fileId);
    const neither = await as(owner, () => publishConsentTemplateAction(A.organization.slug, { locationId: clinic.id, key: "empty", title: "Empty form", body: null, fileId: null }));
    expect(neither.ok ? "ok" : neither.code).toBe("invalid_input");
    const staffUpload = await as(staff, () => requestUploadAction(A.organization.slug, { locationId: clinic.id, purpose: "consent_template", filename: "x.pdf", contentType: "application/pdf", size: 4 }));
    expect(staffUpload.ok ? "ok" : staffUpload.code).toBe("forbidden");
  });
});
