import { describe, expect, it } from "vitest";
import { dailyDigestMail } from "@/lib/mail/templates";
import { buildDigest, DIGEST_CLINICS, DIGEST_FINDINGS_PER_CLINIC, type DigestFinding } from "@/lib/ops/digest-content";

const RANKS = { critical: 0, high: 1, medium: 2, low: 3 } as const;
function finding(n: number, locationId: string, severity: keyof typeof RANKS): DigestFinding {
  return {
    id: `f${n}`,
    locationId,
    clinicName: `Clinic ${locationId}`,
    severity,
    severityRank: RANKS[severity],
    title: `Problem ${n} at ${locationId}`,
    reason: `Because of ${n}.`,
    records: [{ label: "Item", href: `/agency/acme/admin/inventory/item${n}` }],
  };
}
const base = { organizationName: "Acme", orgSlug: "acme", appUrl: "https://app.example.com", day: new Date("2026-12-03T00:00:00Z") };

describe("the daily digest's content", () => {
  it("lists clinics by their most urgent finding, at most five findings each, with record links for admins", () => {
    const findings = [finding(1, "b", "critical"), ...Array.from({ length: 7 }, (_, i) => finding(10 + i, "a", "high")), finding(2, "b", "low")];
    const digest = buildDigest({ ...base, recipient: { email: "owner@example.com", clinicIds: null }, findings })!;
    expect(digest.clinics.map((c) => c.name)).toEqual(["Clinic b", "Clinic a"]);
    expect(digest.total).toBe(9);
    expect(digest.critical).toBe(1);
    const a = digest.clinics[1]!;
    expect(a.count).toBe(7);
    expect(a.findings).toHaveLength(DIGEST_FINDINGS_PER_CLINIC);
    expect(a.findings[0]!.link).toBe("https://app.example.com/agency/acme/admin/inventory/item10");
    expect(a.link).toBe("https://app.example.com/agency/acme/admin?clinic=a");
    const mail = dailyDigestMail("owner@example.com", digest);
    expect(mail.subject).toBe("Acme: 9 findings open, 1 critical today");
    expect(mail.text).toContain("Clinic a: 7 high");
    expect(mail.text).toContain("- …and 2 more: https://app.example.com/agency/acme/admin?clinic=a");
    expect(mail.text.indexOf("Problem 1 at b")).toBeLessThan(mail.text.indexOf("Problem 2 at b"));
  });

  it("gives clinic staff only their clinics, linked to the clinic's Today tab, and nothing when none is open", () => {
    const findings = [finding(1, "a", "critical"), finding(2, "b", "medium")];
    const digest = buildDigest({ ...base, recipient: { email: "staff@example.com", clinicIds: ["b"] }, findings })!;
    expect(digest.clinics.map((c) => c.name)).toEqual(["Clinic b"]);
    expect(digest.clinics[0]!.findings[0]!.link).toBe("https://app.example.com/agency/acme/clinic/b");
    expect(digest.link).toBe("https://app.example.com/agency/acme/clinic/b");
    expect(dailyDigestMail("staff@example.com", digest).text).not.toContain("/admin");
    expect(buildDigest({ ...base, recipient: { email: "staff@example.com", clinicIds: ["c"] }, findings })).toBeNull();
    expect(buildDigest({ ...base, recipient: { email: "owner@example.com", clinicIds: null }, findings: [] })).toBeNull();
  });

  it("counts the clinics beyond the limit instead of listing them, and escapes HTML", () => {
    const findings = Array.from({ length: DIGEST_CLINICS + 3 }, (_, i) => finding(i, `c${i}`, "medium"));
    findings[0] = { ...findings[0]!, title: "<script>alert(1)</script>" };
    const digest = buildDigest({ ...base, recipient: { email: "owner@example.com", clinicIds: null }, findings })!;
    expect(digest.clinics).toHaveLength(DIGEST_CLINICS);
    expect(digest.moreClinics).toBe(3);
    expect(digest.moreClinicsFindings).toBe(3);
    const mail = dailyDigestMail("owner@example.com", digest);
    expect(mail.text).toContain("…and 3 more clinics with 3 findings.");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;");
  });
});
