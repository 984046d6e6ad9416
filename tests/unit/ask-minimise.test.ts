import { describe, expect, it } from "vitest";
import {
  citedRecords,
  dropForbidden,
  linkFor,
  mayNamePatient,
  minimiseAttention,
  minimiseContacts,
  minimiseFindings,
  minimiseOutcomes,
  minimiseSync,
  recordIds,
  type MinimiseContext,
} from "@/lib/ai/minimise";
import { answerPieces, refsIn } from "@/lib/ai/activity";

const now = new Date("2026-03-10T15:00:00Z");
const owner: MinimiseContext = { slug: "digital-desk", role: "agency_owner", question: "Which appointments need attention?", now };
const staff: MinimiseContext = { ...owner, role: "clinic_staff" };
const maria = { id: "ct_1", firstName: "María", lastName: "López" };

const attention = {
  total: 2,
  appointments: [
    { id: "ap_1", locationId: "loc_austin", clinicName: "Austin", timezone: "America/Chicago", startTime: new Date("2026-03-11T15:00:00Z"), status: "new", reason: "unconfirmed", contact: maria, noShowRisk: 0.42 },
    { id: "ap_2", locationId: "loc_austin", clinicName: "Austin", timezone: "America/Chicago", startTime: new Date("2026-03-12T15:00:00Z"), status: "confirmed", reason: "reschedule_requested", contact: null, noShowRisk: null },
  ],
};

describe("the minimiser", () => {
  it("names a patient only when the question names them, first and last name, accents and possessives aside", () => {
    expect(mayNamePatient("When is Maria Lopez's next visit?", maria)).toBe(true);
    expect(mayNamePatient("when is maría lópez booked", maria)).toBe(true);
    expect(mayNamePatient("When is Lopez booked?", maria)).toBe(false);
    expect(mayNamePatient("Which appointments need attention?", maria)).toBe(false);
    expect(mayNamePatient("Lopezville clinic", { firstName: null, lastName: "Lopez" })).toBe(false);
    expect(mayNamePatient("anything", { firstName: null, lastName: null })).toBe(false);
  });

  it("keeps appointments needing attention anonymous unless the patient is named, and cites each", () => {
    const out = minimiseAttention(attention, owner);
    const text = JSON.stringify(out);
    expect(text).not.toContain("María");
    expect(text).not.toContain("López");
    expect(out.appointments[0]).toMatchObject({ clinic: "Austin", needs: "confirmation", noShowRiskPct: 42, ref: { type: "appointment", id: "ap_1", href: "/agency/digital-desk/admin/calendar/appointments/ap_1" } });
    expect(out.appointments[1]).toMatchObject({ needs: "a new time (reschedule requested)" });
    expect(out.byClinic).toEqual({ Austin: 2 });
    const named = minimiseAttention(attention, { ...owner, question: "Does María López need a reminder?" });
    expect(named.appointments[0]).toMatchObject({ patient: "María López" });
  });

  it("gives clinic staff links to their clinic's pages, owners the agency's", () => {
    expect(linkFor(staff, "appointment", "ap_1", "loc_austin")).toBe("/agency/digital-desk/clinic/loc_austin");
    expect(linkFor(staff, "inventory_item", "it_1", "loc_austin")).toBe("/agency/digital-desk/clinic/loc_austin/supplies");
    expect(linkFor(owner, "inventory_item", "it_1", "loc_austin")).toBe("/agency/digital-desk/admin/inventory/it_1");
    expect(linkFor(owner, "contact", "ct 1")).toBe("/agency/digital-desk/admin/contacts/ct%201");
  });

  it("sends only aggregates for appointment statistics", () => {
    const out = minimiseOutcomes([{ id: "loc_austin", name: "Austin", total: 50, showed: 36, noshow: 4, cancelled: 6, open: 4 }], { from: "2026-02-01", to: "2026-02-28" }, owner);
    expect(out.clinics[0]).toMatchObject({ appointments: 50, noShows: 4, noShowRatePct: 10, cancelRatePct: 12 });
    expect(out.allClinics).toMatchObject({ appointments: 50, noShowRatePct: 10 });
  });

  it("never passes contact details, notes, dates of birth, titles or free text, at any depth", () => {
    const dirty = { a: 1, email: "x@y", nested: [{ notes: "latex allergy", dob: "1980-01-01", keep: "yes", customFields: [1], deeper: { phone: "555", title: "Botox", ok: true } }] };
    expect(dropForbidden(dirty)).toEqual({ a: 1, nested: [{ keep: "yes", deeper: { ok: true } }] });
    const contacts = minimiseContacts(
      [{ ...maria, locationId: "loc_austin", clinicName: "Austin", nextAppointment: { id: "ap_1", startTime: new Date("2026-03-11T15:00:00Z"), status: "new" }, lastVisit: null, upcomingCount: 1, email: "maria@example.com", phone: "+15125550100" } as never],
      () => "America/Chicago",
      { ...owner, question: "When is María López coming in?" },
    );
    const text = JSON.stringify(contacts);
    expect(text).toContain("María López");
    expect(text).not.toContain("maria@example.com");
    expect(text).not.toContain("5550100");
  });

  it("replaces findings about appointments (which name patients) by their kind, and keeps the others' reasons", () => {
    const out = minimiseFindings(
      {
        total: 2,
        counts: { high: 2 },
        findings: [
          { id: "f1", locationId: "loc_austin", clinicName: "Austin", kind: "appointments.unconfirmed", severity: "high", title: "Unconfirmed: María López, Myers' Cocktail", reason: "María López has not confirmed", openedAt: now },
          { id: "f2", locationId: "loc_austin", clinicName: "Austin", kind: "inventory.stockout_ahead", severity: "high", title: "Austin: Saline runs out in 3 days", reason: "5 bags on hand", openedAt: now },
        ],
      },
      owner,
    );
    const text = JSON.stringify(out);
    expect(text).not.toContain("López");
    expect(text).not.toContain("Myers");
    expect(out.findings[1]).toMatchObject({ summary: "Austin: Saline runs out in 3 days", why: "5 bags on hand" });
  });

  it("drops sync error text and lists the records that reached the model", () => {
    const out = minimiseSync({ connected: true, clinics: [{ id: "loc_austin", name: "Austin", sync: { health: "error", lastSyncedAt: new Date(now.getTime() - 2 * 3_600_000), consecutiveFailures: 3, lastError: "token sk-123" } as never }] }, owner);
    expect(JSON.stringify(out)).not.toContain("sk-123");
    expect(out.clinics[0]).toMatchObject({ hoursSinceSync: 2, consecutiveFailures: 3 });
    expect(recordIds(minimiseAttention(attention, owner))).toEqual(["appointment:ap_1", "appointment:ap_2"]);
    expect(citedRecords({ a: [{ ref: { type: "clinic", id: "c", label: "C", href: "/x" } }] })).toHaveLength(1);
  });
});

describe("answers on the page", () => {
  it("links only to the agency's own pages; any other target stays text", () => {
    expect(answerPieces("See [Austin](/agency/digital-desk/admin/dashboard?clinic=loc_austin) now", "digital-desk")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "Austin", href: "/agency/digital-desk/admin/dashboard?clinic=loc_austin" },
      { kind: "text", text: " now" },
    ]);
    for (const href of ["https://evil.example/?q=secret", "/agency/other-agency/admin", "//evil.example", "/agency/digital-desk//evil.example", "javascript:void0"]) {
      expect(answerPieces(`[click](${href})`, "digital-desk")).toEqual([{ kind: "text", text: "click" }]);
    }
  });

  it("finds the cited records of a tool output once each", () => {
    const ref = { type: "clinic", id: "c1", label: "Austin", href: "/agency/d/admin" };
    expect(refsIn({ clinics: [{ ref }, { ref }], other: { ref: { ...ref, id: "c2" } } })).toHaveLength(2);
  });
});
