import { describe, expect, it } from "vitest";
import { addDays, chartReviewsDue, gfeExpiresOn, gfeValidityDays, visitWarnings, type ServiceRuleLike } from "@/lib/oversight/checks";
import { GFE_STATE_DEFAULTS, stateDefault } from "@/lib/oversight/gfe-defaults";

const rule: ServiceRuleLike = { ghlCalendarId: "cal", gfeRequired: true, gfeValidityDays: null, consentKey: "iv" };
const template = { key: "iv", title: "IV therapy consent", version: 2 };

describe("GFE validity", () => {
  it("lasts the service's own period, else the state's default, else 12 months", () => {
    expect(gfeValidityDays({ gfeValidityDays: 90 }, "TX")).toBe(90);
    expect(gfeValidityDays({ gfeValidityDays: null }, "TX")).toBe(stateDefault("TX")!.validityDays);
    expect(gfeValidityDays(null, null)).toBe(365);
  });

  it("is valid through the day before the anniversary, across month and leap-year ends", () => {
    expect(gfeExpiresOn("2026-03-01", 365)).toBe("2027-02-28");
    expect(gfeExpiresOn("2027-03-01", 366)).toBe("2028-02-29");
    expect(gfeExpiresOn("2026-01-31", 30)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("ships a default for every state with a note, and names its sources where it has them", () => {
    expect(GFE_STATE_DEFAULTS).toHaveLength(51);
    for (const row of GFE_STATE_DEFAULTS) {
      expect(row.validityDays).toBeGreaterThan(0);
      expect(row.note.length).toBeGreaterThan(20);
      for (const source of row.sources) expect(source.url).toMatch(/^https:\/\//);
    }
    expect(stateDefault("TX")!.sources.length).toBeGreaterThan(0);
  });
});

describe("check-in warnings", () => {
  const at = (iso: string) => new Date(iso);

  it("says GFE missing, and consent missing for a service that needs both", () => {
    const warnings = visitWarnings({ startTime: at("2026-12-03T16:00:00Z"), timezone: "America/Chicago", rule, template, records: { gfes: [], consents: [] } });
    expect(warnings.map((w) => w.kind)).toEqual(["gfe_missing", "consent_missing"]);
    expect(warnings[1]!.message).toMatch(/^Consent missing/);
    expect(warnings[1]!.consent).toEqual(template);
  });

  it("judges expiry on the visit's date in the clinic's timezone, not UTC", () => {
    // 9 PM in Los Angeles on 3 December is already 4 December in UTC.
    const evening = at("2026-12-04T05:00:00Z");
    const records = { gfes: [{ expiresOn: "2026-12-03" }], consents: [{ kind: "treatment", consentKey: "iv", templateVersion: 2 }] };
    expect(visitWarnings({ startTime: evening, timezone: "America/Los_Angeles", rule, template, records })).toEqual([]);
    expect(visitWarnings({ startTime: evening, timezone: "Europe/London", rule, template, records }).map((w) => w.kind)).toEqual(["gfe_expired"]);
  });

  it("asks again when the template moved to a new version, and ignores photo consent for treatment", () => {
    const records = { gfes: [{ expiresOn: "2030-01-01" }], consents: [{ kind: "treatment", consentKey: "iv", templateVersion: 1 }, { kind: "photo", consentKey: null, templateVersion: null }] };
    expect(visitWarnings({ startTime: at("2026-12-03T16:00:00Z"), timezone: "UTC", rule, template, records }).map((w) => w.kind)).toEqual(["consent_outdated"]);
  });

  it("has nothing to say about a service without a rule", () => {
    expect(visitWarnings({ startTime: new Date(), timezone: "UTC", rule: null, template: null, records: { gfes: [], consents: [] } })).toEqual([]);
  });
});

describe("chart reviews due", () => {
  it("is the larger of the share (rounded up) and the minimum, never more than the visits", () => {
    expect(chartReviewsDue(41, { chartReviewPercent: 10, chartReviewMinimum: null })).toBe(5);
    expect(chartReviewsDue(41, { chartReviewPercent: 10, chartReviewMinimum: 8 })).toBe(8);
    expect(chartReviewsDue(3, { chartReviewPercent: null, chartReviewMinimum: 5 })).toBe(3);
    expect(chartReviewsDue(20, { chartReviewPercent: null, chartReviewMinimum: null })).toBe(0);
  });
});
